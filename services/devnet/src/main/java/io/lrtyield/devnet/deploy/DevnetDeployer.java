package io.lrtyield.devnet.deploy;

import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.ContractUtils;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Convert;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys Multicall3, stETH and wstETH replicas and seeds them, all in one block: nonces are assigned up front,
 * so every address is known before anything is mined.
 */
public final class DevnetDeployer {

    private static final Logger LOG = Logger.getLogger(DevnetDeployer.class);
    private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

    private final Web3j web3j;
    private final TxSender deployer;
    private final String oracle;

    public DevnetDeployer(Web3j web3j, TxSender deployer, String oracleAddress) {
        this.web3j = web3j;
        this.deployer = deployer;
        this.oracle = oracleAddress;
    }

    public DevnetDeployment deploy(BigDecimal seedStakeEth, BigDecimal seedWrapEth) throws IOException {
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        BigInteger nonce = deployer.peekNonce();
        String multicall = contractAddress(nonce);
        String stETH = contractAddress(nonce.add(BigInteger.ONE));
        String wstETH = contractAddress(nonce.add(BigInteger.TWO));

        List<String> hashes = new ArrayList<>();
        hashes.add(deployer.send(null, ContractArtifacts.bytecode("Multicall3"), BigInteger.ZERO));
        hashes.add(deployer.send(null, ContractArtifacts.bytecode("LidoStETH")
                + FunctionEncoder.encodeConstructor(List.of(new Address(oracle))), ONE_ETH));
        hashes.add(deployer.send(null, ContractArtifacts.bytecode("WstETH")
                + FunctionEncoder.encodeConstructor(List.of(new Address(stETH))), BigInteger.ZERO));
        hashes.add(deployer.send(stETH, FunctionEncoder.encode(new Function("submit", List.of(new Address(Address.DEFAULT.getValue())), List.of())),
                wei(seedStakeEth)));
        hashes.add(deployer.send(wstETH, "0x", wei(seedWrapEth)));
        var receipts = deployer.awaitAll(hashes, Duration.ofSeconds(60));
        long block = receipts.get(receipts.size() - 1).getBlockNumber().longValueExact();
        LOG.infof("devnet deployed at block %d: multicall3 %s, stETH %s, wstETH %s", block, multicall, stETH, wstETH);
        return new DevnetDeployment(chainId, multicall, stETH, wstETH, oracle, block);
    }

    private String contractAddress(BigInteger nonce) {
        return ContractUtils.generateContractAddress(deployer.address(), nonce);
    }

    private static BigInteger wei(BigDecimal eth) {
        return Convert.toWei(eth, Convert.Unit.ETHER).toBigIntegerExact();
    }
}

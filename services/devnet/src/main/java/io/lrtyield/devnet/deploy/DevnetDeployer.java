package io.lrtyield.devnet.deploy;

import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ContractUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Convert;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the replicas and seeds mainnet-like state: every token backed by deposits in the thousands of ETH and its
 * fundamental rate lifted by oracle reports to near its recent mainnet value. Nonces are assigned up front, so every
 * address is known before anything is mined and each phase lands in as few blocks as the gas limit allows.
 */
public final class DevnetDeployer {

    private static final Logger LOG = Logger.getLogger(DevnetDeployer.class);
    private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(8_000_000);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(90);
    /** ETH/USD when the devnet starts, 8 decimals like Chainlink's feed. */
    private static final BigInteger ETH_USD = BigInteger.valueOf(3_000_00000000L);

    private final Web3j web3j;
    private final TxSender deployer;
    private final TxSender oracle;
    private final AnvilRpc anvil;
    private final MarketDeployer markets;

    /** Tokens only (phases 1–3). */
    public DevnetDeployer(Web3j web3j, TxSender deployer, TxSender oracle) {
        this(web3j, deployer, oracle, null, null);
    }

    /**
     * Tokens, then the markets (when {@code markets} is not null). With {@code anvil}, the deployer is first given
     * enough ETH for every seed (Anvil's default 10,000 ETH is less than the vault alone plus the token deposits).
     */
    public DevnetDeployer(Web3j web3j, TxSender deployer, TxSender oracle, AnvilRpc anvil, MarketDeployer markets) {
        this.web3j = web3j;
        this.deployer = deployer;
        this.oracle = oracle;
        this.anvil = anvil;
        this.markets = markets;
    }

    public DevnetDeployment deploy(BigDecimal seedStakeEth, BigDecimal seedWrapEth) throws IOException {
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        String o = oracle.address();
        if (anvil != null) {
            anvil.setBalance(deployer.address(), ONE_ETH.multiply(BigInteger.valueOf(100_000)));
            anvil.setBalance(o, ONE_ETH.multiply(BigInteger.valueOf(100_000)));
        }

        // phase 1: every contract, addresses from the deployer's nonces
        List<String> hashes = new ArrayList<>();
        String multicall = deploy(hashes, "Multicall3", List.of(), BigInteger.ZERO);
        String stETH = deploy(hashes, "LidoStETH", List.of(new Address(o)), ONE_ETH);
        String wstETH = deploy(hashes, "WstETH", List.of(new Address(stETH)), BigInteger.ZERO);
        String weth = deploy(hashes, "WETH9", List.of(), BigInteger.ZERO);
        String rETH = deploy(hashes, "RocketTokenRETH", List.of(new Address(o)), BigInteger.ZERO);
        String cbETH = deploy(hashes, "CoinbaseCbETH", List.of(new Address(o), new Address(deployer.address())), BigInteger.ZERO);
        String etherfiPool = deploy(hashes, "EtherFiLiquidityPool", List.of(new Address(o)), BigInteger.ZERO);
        String weETH = deploy(hashes, "WeETH", List.of(new Address(etherfiPool)), BigInteger.ZERO);
        String renzo = deploy(hashes, "RenzoRestakeManager", List.of(new Address(o)), BigInteger.ZERO);
        String kelp = deploy(hashes, "LRTDepositPool", List.of(new Address(o)), BigInteger.ZERO);
        String pufETH = deploy(hashes, "PufferVault", List.of(new Address(weth), new Address(o)), BigInteger.ZERO);
        String rswETH = deploy(hashes, "RswETH", List.of(new Address(o)), BigInteger.ZERO);
        String ethUsd = deploy(hashes, "ChainlinkAggregator", List.of(new Uint8(8), new Utf8String("ETH / USD"),
                new Int256(ETH_USD), new Address(o)), BigInteger.ZERO);
        deployer.awaitAll(hashes, MINED_WITHIN);

        String rethDepositPool = address(rETH, "depositPool");
        String eETH = address(etherfiPool, "eETH");
        String ezETH = address(renzo, "ezETH");
        String rsETH = address(kelp, "rsETH");
        String kelpOracle = address(kelp, "lrtOracle");

        // phase 2: deposits — pools in the thousands of ETH
        BigInteger stake = wei(seedStakeEth);
        hashes.clear();
        hashes.add(deployer.send(stETH, encode("submit", new Address(Address.DEFAULT.getValue())), stake));
        hashes.add(deployer.send(wstETH, "0x", wei(seedWrapEth)));
        hashes.add(deployer.send(rethDepositPool, encode("deposit"), stake));
        hashes.add(deployer.send(etherfiPool, encode("deposit"), stake));
        hashes.add(deployer.send(renzo, encode("depositETH"), stake));
        hashes.add(deployer.send(kelp, encode("depositETH", new Uint256(0), new Utf8String("devnet")), stake));
        hashes.add(deployer.send(pufETH, encode("depositETH", new Address(deployer.address())), stake));
        hashes.add(deployer.send(rswETH, encode("deposit"), stake));
        hashes.add(deployer.send(cbETH, encode("mint", new Address(deployer.address()), new Uint256(stake)), BigInteger.ZERO));
        deployer.awaitAll(hashes, MINED_WITHIN);

        // phase 3: oracle reports that lift each rate near its mainnet value of late 2026
        hashes.clear();
        BigInteger lidoPooled = stake.add(wei(seedWrapEth)).add(ONE_ETH);
        hashes.add(oracle.send(stETH, encode("handleOracleReport", new Int256(share(lidoPooled, "0.21"))), share(lidoPooled, "0.21")));
        hashes.add(oracle.send(rETH, encode("accrueRewards"), share(stake, "0.14")));
        hashes.add(oracle.send(etherfiPool, encode("accrueRewards"), share(stake, "0.075")));
        hashes.add(oracle.send(renzo, encode("accrueRewards"), share(stake, "0.055")));
        hashes.add(oracle.send(kelp, encode("accrueRewards"), share(stake, "0.045")));
        hashes.add(oracle.send(pufETH, encode("accrueRewards"), share(stake, "0.06")));
        hashes.add(oracle.send(rswETH, encode("accrueRewards"), share(stake, "0.065")));
        hashes.add(oracle.send(cbETH, encode("updateExchangeRate", new Uint256(share(ONE_ETH, "1.10"))), BigInteger.ZERO));
        oracle.awaitAll(hashes, MINED_WITHIN);
        // Kelp's rsETHPrice is stored: it moves only when someone calls updateRSETHPrice(), as on mainnet
        oracle.awaitAll(List.of(oracle.send(kelpOracle, encode("updateRSETHPrice"), BigInteger.ZERO)), MINED_WITHIN);

        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        LOG.infof("devnet deployed at block %d: multicall3 %s, wstETH %s, rETH %s, cbETH %s, weETH %s, ezETH %s, rsETH %s, pufETH %s, rswETH %s",
                block, multicall, wstETH, rETH, cbETH, weETH, ezETH, rsETH, pufETH, rswETH);
        DevnetDeployment tokens = new DevnetDeployment(chainId, multicall, stETH, wstETH, o, block, weth, rETH, rethDepositPool, cbETH,
                etherfiPool, eETH, weETH, renzo, ezETH, kelp, kelpOracle, rsETH, pufETH, rswETH, ethUsd);
        if (markets == null) {
            return tokens;
        }
        MarketDeployment m = markets.deploy(tokens);
        DevnetDeployment withMarkets = tokens.withMarkets(m, web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
        if (anvil == null) {
            return withMarkets;
        }
        RestakingDeployment r = new RestakingDeployer(web3j, anvil, deployer, oracle, chainId).deploy(withMarkets, m);
        LOG.infof("restaking layer deployed: allocation manager %s, %d operators, %d operator sets, %d issuer accounts",
                r.allocationManager(), r.operators().size(), r.operatorSets().size(), r.delegators().size());
        return withMarkets.withRestaking(r, web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
    }

    private String deploy(List<String> hashes, String contract, List<Type> args, BigInteger value) throws IOException {
        String address = ContractUtils.generateContractAddress(deployer.address(), deployer.peekNonce());
        String data = ContractArtifacts.bytecode(contract) + (args.isEmpty() ? "" : FunctionEncoder.encodeConstructor(args));
        hashes.add(deployer.send(null, data, value, DEPLOY_GAS));
        return address;
    }

    /** Reads an address-returning view (a sub-contract the parent deployed in its constructor). */
    private String address(String contract, String view) throws IOException {
        String out = web3j.ethCall(Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(new Function(view, List.of(), List.of()))),
                DefaultBlockParameterName.LATEST).send().getValue();
        if (out == null || out.length() < 66) {
            throw new IOException(view + "() on " + contract + " returned nothing");
        }
        return "0x" + out.substring(out.length() - 40);
    }

    private static String encode(String function, Type... args) {
        return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
    }

    private static BigInteger share(BigInteger amount, String fraction) {
        return new BigDecimal(amount).multiply(new BigDecimal(fraction)).toBigInteger();
    }

    private static BigInteger wei(BigDecimal eth) {
        return Convert.toWei(eth, Convert.Unit.ETHER).toBigIntegerExact();
    }
}

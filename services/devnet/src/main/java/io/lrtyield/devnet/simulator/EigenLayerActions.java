package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EigenLayer moves the devnet's seed does not make, for tests and demonstrations of the exposure graph: an operator outside
 * the catalogue with its own AVS operator set, the vault's own stETH deposit and delegation (the vault is a contract: Anvil
 * impersonates it, standing in for a {@code manage} call its allowlist would have to permit), and an issuer's restaking
 * account queueing a withdrawal. Each returns the block it was mined in.
 */
public final class EigenLayerActions {

    private static final Duration MINED_WITHIN = Duration.ofSeconds(60);
    private static final BigInteger GAS = BigInteger.valueOf(3_000_000);

    private final Web3j web3j;
    private final AnvilRpc anvil;
    private final DevnetDeployment d;
    private final TxSender admin;
    private final long chainId;

    /** @param admin the devnet oracle: acts for every AVS and operator in the AllocationManager replica, and for the issuers */
    public EigenLayerActions(Web3j web3j, AnvilRpc anvil, DevnetDeployment d, TxSender admin, long chainId) {
        this.web3j = web3j;
        this.anvil = anvil;
        this.d = d;
        this.admin = admin;
        this.chainId = chainId;
    }

    /** An operator set of a new AVS: its address is derived from {@code name}. */
    public record NewSet(String name, long id) {
        public String avs() {
            return "0x" + Hash.sha3String("lrt-yield devnet " + name).substring(26);
        }
    }

    /**
     * Registers a new operator (key derived from {@code name}), creates {@code newSets}, registers it for every set in
     * {@code magnitudes} (keys {@code avs/id}) and allocates those magnitudes (WAD parts) of its stETH-strategy stake.
     */
    public String newOperator(String name, List<NewSet> newSets, Map<String, BigInteger> magnitudes) throws IOException {
        Credentials key = Credentials.create(Hash.sha3String("lrt-yield devnet " + name));
        anvil.setBalance(key.getAddress(), BigInteger.TEN.pow(19));
        TxSender op = new TxSender(web3j, key, chainId);
        String dm = d.markets().eigenDelegationManager();
        op.awaitAll(List.of(op.send(dm, encode("registerAsOperator", new Address(Address.DEFAULT.getValue()), new Uint32(0),
                new Utf8String("https://lrtyield.invalid/" + name)), BigInteger.ZERO)), MINED_WITHIN);
        String am = d.restaking().allocationManager();
        String strategy = d.markets().eigenStEthStrategy();
        List<String> hashes = new ArrayList<>();
        for (NewSet s : newSets) {
            hashes.add(admin.send(am, encode("createOperatorSets", new Address(s.avs()), new DynamicArray<>(DynamicStruct.class,
                    List.of(new DynamicStruct(new Uint32(s.id()), new DynamicArray<>(Address.class, List.of(new Address(strategy))))))),
                    BigInteger.ZERO));
        }
        List<DynamicStruct> params = new ArrayList<>();
        for (var m : magnitudes.entrySet()) {
            String[] set = m.getKey().split("/");
            hashes.add(admin.send(am, encode("registerForOperatorSets", new Address(key.getAddress()), new DynamicStruct(new Address(set[0]),
                    new DynamicArray<>(Uint32.class, List.of(new Uint32(Long.parseLong(set[1])))), new DynamicBytes(new byte[0]))), BigInteger.ZERO));
            params.add(new DynamicStruct(new StaticStruct(new Address(set[0]), new Uint32(Long.parseLong(set[1]))),
                    new DynamicArray<>(Address.class, List.of(new Address(strategy))), new DynamicArray<>(Uint64.class, List.of(new Uint64(m.getValue())))));
        }
        hashes.add(admin.send(am, encode("modifyAllocations", new Address(key.getAddress()), new DynamicArray<>(DynamicStruct.class, params)),
                BigInteger.ZERO));
        admin.awaitAll(hashes, MINED_WITHIN);
        return key.getAddress();
    }

    /** The vault stakes {@code wei} with Lido and deposits the stETH into EigenLayer's stETH strategy (undelegated). */
    public long depositVaultStEth(BigInteger wei) throws IOException {
        String vault = d.markets().strategyVault();
        String sm = d.markets().eigenStrategyManager();
        BigInteger balance = web3j.ethGetBalance(vault, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance();
        anvil.setBalance(vault, balance.add(wei).add(BigInteger.TEN.pow(18)));
        asVault(d.stETH(), encode("submit", new Address(Address.DEFAULT.getValue())), wei);
        // stETH rounds shares: deposit what the vault got, at most wei
        BigInteger got = ViewCall.uint(web3j, d.stETH(), "balanceOf", new Address(vault));
        asVault(d.stETH(), encode("approve", new Address(sm), new Uint256(got)), BigInteger.ZERO);
        return asVault(sm, encode("depositIntoStrategy", new Address(d.markets().eigenStEthStrategy()), new Address(d.stETH()),
                new Uint256(got)), BigInteger.ZERO);
    }

    /** The vault delegates its EigenLayer stake to {@code operator} (DelegationManager.delegateTo, no approver). */
    public long delegateVault(String operator) throws IOException {
        return asVault(d.markets().eigenDelegationManager(), encode("delegateTo", new Address(operator),
                new DynamicStruct(new DynamicBytes(new byte[0]), new Uint256(0)), new Bytes32(new byte[32])), BigInteger.ZERO);
    }

    /** The issuer's restaking account {@code account} queues {@code depositShares} of its beacon-chain ETH for withdrawal. */
    public long queueIssuerWithdrawal(String account, BigInteger depositShares) throws IOException {
        String hash = admin.send(account, encode("queueBeaconChainWithdrawal", new Uint256(depositShares)), BigInteger.ZERO);
        return admin.awaitAll(List.of(hash), MINED_WITHIN).get(0).getBlockNumber().longValueExact();
    }

    private long asVault(String to, String data, BigInteger value) throws IOException {
        String vault = d.markets().strategyVault();
        anvil.impersonate(vault);
        try {
            var sent = web3j.ethSendTransaction(Transaction.createFunctionCallTransaction(vault, null, null, GAS, to, value, data)).send();
            if (sent.hasError()) {
                throw new IOException("as the vault → " + to + ": " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = admin.awaitAll(List.of(sent.getTransactionHash()), MINED_WITHIN).get(0);
            return receipt.getBlockNumber().longValueExact();
        } finally {
            anvil.stopImpersonating(vault);
        }
    }

    private static String encode(String function, Type... args) {
        return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
    }
}

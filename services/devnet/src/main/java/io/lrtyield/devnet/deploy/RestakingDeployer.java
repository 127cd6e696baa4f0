package io.lrtyield.devnet.deploy;

import io.lrtyield.devnet.simulator.ViewCall;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds EigenLayer's slashing layer and the LRTs' exposure graph: three operators, three AVSs with one operator set each,
 * mainnet-like allocations (each operator allocates part of its stake to two sets, none all of it; the same magnitudes
 * of its beacon-chain ETH and of its stETH-strategy stake, so a vault delegating its EigenLayer stETH is exposed), and two restaking
 * accounts per LRT issuer (Renzo, Kelp, ether.fi), each delegated to one operator and credited with a share of the
 * issuer's TVL as beacon-chain ETH. About 90 % of each issuer's ETH is restaked; the rest is its buffer.
 */
public final class RestakingDeployer {

    public static final String BEACON_CHAIN_ETH_STRATEGY = "0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0";
    private static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(90);
    private static final String ETH_TOKEN = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    /** AVS name → operator set id. Names are generic: the devnet models kinds of AVS, not real ones. */
    static final Map<String, Long> AVSS = orderedOf("da-avs", 0L, "oracle-avs", 1L, "bridge-avs", 2L);
    /** operator → (operator set → magnitude, fraction of WAD). */
    static final Map<String, Map<String, String>> ALLOCATIONS = orderedOf(
            "operator-a", orderedOf("da-avs/0", "0.5", "oracle-avs/1", "0.3"),
            "operator-b", orderedOf("da-avs/0", "0.4", "bridge-avs/2", "0.5"),
            "operator-c", orderedOf("oracle-avs/1", "0.6", "bridge-avs/2", "0.2"));
    /** asset → [operator, share of the issuer's TVL restaked through that account]. */
    static final Map<String, List<String[]>> DELEGATIONS = orderedOf(
            "ezETH", List.of(new String[] {"operator-a", "0.6"}, new String[] {"operator-b", "0.3"}),
            "rsETH", List.of(new String[] {"operator-a", "0.5"}, new String[] {"operator-c", "0.4"}),
            "weETH", List.of(new String[] {"operator-b", "0.5"}, new String[] {"operator-c", "0.4"}));

    private final Web3j web3j;
    private final AnvilRpc anvil;
    private final TxSender deployer;
    private final TxSender oracle;
    private final long chainId;

    public RestakingDeployer(Web3j web3j, AnvilRpc anvil, TxSender deployer, TxSender oracle, long chainId) {
        this.web3j = web3j;
        this.anvil = anvil;
        this.deployer = deployer;
        this.oracle = oracle;
        this.chainId = chainId;
    }

    public RestakingDeployment deploy(DevnetDeployment d, MarketDeployment m) throws IOException {
        String dm = m.eigenDelegationManager();
        String stEthStrategy = m.eigenStEthStrategy();
        Map<String, String> issuers = orderedOf("ezETH", d.renzoRestakeManager(), "rsETH", d.kelpDepositPool(), "weETH", d.etherfiPool());

        // phase 1: contracts (deployer) and the operators' registrations
        List<String> dh = new ArrayList<>();
        String am = deploy(dh, "EigenAllocationManager", new Address(dm), new Address(oracle.address()));
        String pm = deploy(dh, "EigenPodManager", new Address(dm));
        List<String[]> accounts = new ArrayList<>();
        for (var e : DELEGATIONS.entrySet()) {
            for (String[] split : e.getValue()) {
                String account = deploy(dh, "LrtRestakingDelegator", new Address(issuers.get(e.getKey())), new Address(oracle.address()),
                        new Address(dm));
                accounts.add(new String[] {e.getKey(), account, split[0], split[1]});
            }
        }
        dh.add(deployer.send(dm, encode("setSlashingContracts", new Address(am), new Address(pm)), BigInteger.ZERO));
        // the operators register in the DelegationManager, each from its own (devnet-derived) key, in the same blocks
        List<RestakingDeployment.Operator> operators = new ArrayList<>();
        Map<TxSender, String> registrations = new LinkedHashMap<>();
        for (String name : ALLOCATIONS.keySet()) {
            Credentials key = Credentials.create(Hash.sha3String("lrt-yield devnet " + name));
            anvil.setBalance(key.getAddress(), WAD.multiply(BigInteger.TEN));
            TxSender op = new TxSender(web3j, key, chainId);
            registrations.put(op, op.send(dm, encode("registerAsOperator", new Address(Address.DEFAULT.getValue()), new Uint32(0),
                    new Utf8String("https://lrtyield.invalid/" + name)), BigInteger.ZERO));
            operators.add(new RestakingDeployment.Operator(name, key.getAddress()));
        }
        deployer.awaitAll(dh, MINED_WITHIN);
        for (var r : registrations.entrySet()) {
            r.getKey().awaitAll(List.of(r.getValue()), MINED_WITHIN);
        }

        // phase 2 (admin for every AVS and operator): sets, registrations, allocations, delegations, the issuers' views
        List<String> oh = new ArrayList<>();
        List<RestakingDeployment.OperatorSet> sets = new ArrayList<>();
        for (var avs : AVSS.entrySet()) {
            String address = "0x" + Hash.sha3String("lrt-yield devnet " + avs.getKey()).substring(26);
            sets.add(new RestakingDeployment.OperatorSet(avs.getKey() + "/" + avs.getValue(), address, avs.getValue()));
            oh.add(oracle.send(am, encode("createOperatorSets", new Address(address), new DynamicArray<>(DynamicStruct.class,
                    List.of(new DynamicStruct(new Uint32(avs.getValue()), addresses(BEACON_CHAIN_ETH_STRATEGY, stEthStrategy))))),
                    BigInteger.ZERO));
        }
        List<RestakingDeployment.Allocation> allocations = new ArrayList<>();
        for (RestakingDeployment.Operator op : operators) {
            List<DynamicStruct> params = new ArrayList<>();
            for (var a : ALLOCATIONS.get(op.name()).entrySet()) {
                RestakingDeployment.OperatorSet set = sets.stream().filter(s -> s.name().equals(a.getKey())).findFirst().orElseThrow();
                oh.add(oracle.send(am, encode("registerForOperatorSets", new Address(op.address()), new DynamicStruct(new Address(set.avs()),
                        new DynamicArray<>(Uint32.class, List.of(new Uint32(set.id()))), new DynamicBytes(new byte[0]))), BigInteger.ZERO));
                BigInteger magnitude = new BigDecimal(a.getValue()).multiply(new BigDecimal(WAD)).toBigIntegerExact();
                params.add(new DynamicStruct(new StaticStruct(new Address(set.avs()), new Uint32(set.id())),
                        addresses(BEACON_CHAIN_ETH_STRATEGY, stEthStrategy),
                        new DynamicArray<>(Uint64.class, List.of(new Uint64(magnitude), new Uint64(magnitude)))));
                allocations.add(new RestakingDeployment.Allocation(op.name(), set.name(), magnitude));
            }
            oh.add(oracle.send(am, encode("modifyAllocations", new Address(op.address()), new DynamicArray<>(DynamicStruct.class, params)),
                    BigInteger.ZERO));
        }
        List<Address> kelpNodes = new ArrayList<>();
        for (String[] a : accounts) {
            oh.add(oracle.send(a[1], encode("delegateTo", new Address(operatorAddress(operators, a[2]))), BigInteger.ZERO));
            if (a[0].equals("ezETH")) {
                int bps = new BigDecimal(a[3]).multiply(BigDecimal.valueOf(10_000)).intValueExact();
                oh.add(oracle.send(d.renzoRestakeManager(), encode("addOperatorDelegator", new Address(a[1]), new Uint256(bps)), BigInteger.ZERO));
            } else if (a[0].equals("rsETH")) {
                kelpNodes.add(new Address(a[1]));
            }
        }
        oh.add(oracle.send(d.kelpDepositPool(), encode("addNodeDelegatorContractToQueue", new DynamicArray<>(Address.class, kelpNodes)),
                BigInteger.ZERO));
        oracle.awaitAll(oh, MINED_WITHIN);

        // phase 3: the restaked ETH, a share of each issuer's TVL now, recorded after the delegations (operators' shares rise)
        dh.clear();
        Map<String, BigInteger> tvl = new LinkedHashMap<>();
        tvl.put("ezETH", ViewCall.word(ViewCall.call(web3j, d.renzoRestakeManager(), "calculateTVLs"), 2));
        tvl.put("rsETH", ViewCall.uint(web3j, d.kelpDepositPool(), "getTotalAssetDeposits", new Address(ETH_TOKEN)));
        tvl.put("weETH", ViewCall.uint(web3j, d.etherfiPool(), "getTotalPooledEther"));
        List<RestakingDeployment.Delegator> delegators = new ArrayList<>();
        for (String[] a : accounts) {
            BigInteger amount = new BigDecimal(tvl.get(a[0])).multiply(new BigDecimal(a[3])).toBigInteger();
            dh.add(deployer.send(pm, encode("recordRestakedBalance", new Address(a[1]), new Uint256(amount)), BigInteger.ZERO));
            delegators.add(new RestakingDeployment.Delegator(a[0], a[1], operatorAddress(operators, a[2]), amount));
        }
        deployer.awaitAll(dh, MINED_WITHIN);
        return new RestakingDeployment(am, pm, dm, BEACON_CHAIN_ETH_STRATEGY, oracle.address(), operators, sets, allocations, delegators,
                issuers);
    }

    private static String operatorAddress(List<RestakingDeployment.Operator> operators, String name) {
        return operators.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().address();
    }

    private String deploy(List<String> hashes, String contract, Type... args) throws IOException {
        String address = ContractUtils.generateContractAddress(deployer.address(), deployer.peekNonce());
        String data = ContractArtifacts.bytecode(contract) + (args.length == 0 ? "" : FunctionEncoder.encodeConstructor(List.of(args)));
        hashes.add(deployer.send(null, data, BigInteger.ZERO, BigInteger.valueOf(6_000_000)));
        return address;
    }

    private static DynamicArray<Address> addresses(String... a) {
        return new DynamicArray<>(Address.class, java.util.Arrays.stream(a).map(Address::new).toList());
    }

    static String encode(String function, Type... args) {
        return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> orderedOf(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((K) kv[i], (V) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

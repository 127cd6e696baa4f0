package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.RestakingDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code slash} scenario: the AVS of an operator set slashes an operator by {@code wad} of the magnitude it allocated
 * there ({@code AllocationManager.slashOperator}, mined first), then each LRT issuer whose restaking accounts lost
 * withdrawable shares books the loss — the ETH its accounts lost, read on chain before and after — so its fundamental
 * rate falls in the next block. On mainnet the issuers' TVL views read EigenLayer's shares themselves; the replicas keep
 * their TVL in storage, so the simulator (their oracle role) reports the loss (Kelp's stored price is refreshed too).
 * A slash is permanent: nothing recovers it, {@code reset} included.
 */
public final class SlashSimulator {

    private static final Logger LOG = Logger.getLogger(SlashSimulator.class);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(30);

    /** What a slash did: the block it was mined in and the ETH each LRT issuer lost. */
    public record Slash(String operator, String operatorSet, BigInteger wad, long block, Map<String, BigInteger> lossWeiByAsset) {
    }

    private final Web3j web3j;
    private final TxSender oracle;
    private final RestakingDeployment restaking;
    private final Object lock;
    private final String kelpOracle;

    /** @param lock the simulator's monitor (the oracle's nonces are shared with the reward reports and scenarios) */
    public SlashSimulator(Web3j web3j, TxSender oracle, RestakingDeployment restaking, String kelpOracle, Object lock) {
        this.web3j = web3j;
        this.oracle = oracle;
        this.restaking = restaking;
        this.kelpOracle = kelpOracle;
        this.lock = lock;
    }

    public RestakingDeployment restaking() {
        return restaking;
    }

    public Slash slash(ScenarioRequests.SlashOperator r) throws IOException {
        RestakingDeployment.Operator operator = restaking.operator(r.operator());
        RestakingDeployment.OperatorSet set = restaking.operatorSet(r.operatorSet());
        synchronized (lock) {
            Map<String, BigInteger> before = withdrawable();
            String data = encode("slashOperator", new Address(set.avs()), new DynamicStruct(new Address(operator.address()),
                    new Uint32(set.id()), new DynamicArray<>(Address.class, List.of(new Address(restaking.strategy()))),
                    new DynamicArray<>(Uint256.class, List.of(new Uint256(r.wad()))),
                    new Utf8String("devnet slash scenario: " + operator.name() + " in " + set.name())));
            var receipt = oracle.awaitAll(List.of(oracle.send(restaking.allocationManager(), data, BigInteger.ZERO)), MINED_WITHIN).get(0);
            Map<String, BigInteger> after = withdrawable();
            Map<String, BigInteger> loss = new LinkedHashMap<>();
            for (RestakingDeployment.Delegator d : restaking.delegators()) {
                BigInteger lost = before.get(d.address()).subtract(after.get(d.address()));
                if (lost.signum() > 0) {
                    loss.merge(d.asset(), lost, BigInteger::add);
                }
            }
            List<String> hashes = new ArrayList<>();
            for (var e : loss.entrySet()) {
                hashes.add(oracle.send(restaking.issuers().get(e.getKey()), encode("reportLoss", new Uint256(e.getValue())), BigInteger.ZERO));
                if (e.getKey().equals("rsETH")) {
                    // Kelp's rsETHPrice is stored: refreshed right after the loss is booked
                    hashes.add(oracle.send(kelpOracle, encode("updateRSETHPrice"), BigInteger.ZERO));
                }
            }
            oracle.awaitAll(hashes, MINED_WITHIN);
            LOG.infof("slashed %s in %s by %s WAD at block %s; losses booked %s", operator.name(), set.name(), r.wad(),
                    receipt.getBlockNumber(), loss);
            return new Slash(operator.name(), set.name(), r.wad(), receipt.getBlockNumber().longValueExact(), loss);
        }
    }

    private Map<String, BigInteger> withdrawable() throws IOException {
        Map<String, BigInteger> out = new LinkedHashMap<>();
        for (RestakingDeployment.Delegator d : restaking.delegators()) {
            String hex = ViewCall.call(web3j, restaking.delegationManager(), "getWithdrawableShares", new Address(d.address()),
                    new DynamicArray<>(Address.class, List.of(new Address(restaking.strategy()))));
            // (uint256[] withdrawable, uint256[] deposit): offsets, then the first array's length and its one element
            BigInteger offset = ViewCall.word(hex, 0);
            out.put(d.address(), ViewCall.word(hex, offset.intValueExact() / 32 + 1));
        }
        return out;
    }

    private static String encode(String function, Type... args) {
        return FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
    }
}

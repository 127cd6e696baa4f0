package io.lrtyield.common.restaking;

import io.lrtyield.common.catalogue.Restaking;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.chain.reader.EigenLayerReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.event.RestakingExposure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The restaking part of the price snapshot: for each LRT of the catalogue's {@link Restaking} graph, its issuer's backing
 * and, per restaking account, {@code delegatedTo} and {@code getWithdrawableShares}; per operator, {@code getMaxMagnitude};
 * per operator and operator set, {@code getAllocation}. The calls join the snapshot's one Multicall3; decoding turns them
 * into one {@link RestakingExposure} per LRT. An account delegated to an operator the catalogue does not list is shown
 * with no allocations and makes the exposure incomplete (its sets were not read this block).
 */
public final class ExposureReads {

    private final Restaking graph;

    public ExposureReads(Restaking graph) {
        this.graph = graph;
    }

    /** Every call, in the order {@link #decode} consumes them. */
    public List<Multicall3.Call> calls() {
        List<Multicall3.Call> calls = new ArrayList<>();
        if (graph == null) {
            return calls;
        }
        for (Restaking.Operator op : graph.operators()) {
            calls.add(EigenLayerReader.maxMagnitudeCall(graph.allocationManager(), op.address(), graph.strategy()));
            for (Restaking.OperatorSet set : graph.operatorSets()) {
                calls.add(EigenLayerReader.allocationCall(graph.allocationManager(), op.address(), set.avs(), set.id(), graph.strategy()));
            }
        }
        for (Restaking.Lrt lrt : graph.assets()) {
            Restaking.Backing b = lrt.backing();
            calls.add(b.function().equals(Restaking.Backing.RENZO_TVLS) ? RenzoReader.calculateTvlsCall(b.contract())
                    : new Multicall3.Call(b.contract(), backingCall(b)));
            for (String account : lrt.delegators()) {
                calls.add(EigenLayerReader.delegatedToCall(graph.delegationManager(), account));
                calls.add(EigenLayerReader.withdrawableSharesCall(graph.delegationManager(), account, graph.strategy()));
            }
        }
        return calls;
    }

    /** One exposure per LRT, from the results of {@link #calls()} in order. */
    public Map<String, RestakingExposure> decode(Supplier<Multicall3.Result> next) {
        Map<String, RestakingExposure> out = new LinkedHashMap<>();
        if (graph == null) {
            return out;
        }
        Map<String, Read<BigInteger>> maxMagnitude = new HashMap<>();
        Map<String, List<Map.Entry<Restaking.OperatorSet, Read<BigInteger>>>> allocations = new HashMap<>();
        for (Restaking.Operator op : graph.operators()) {
            String key = op.address().toLowerCase(java.util.Locale.ROOT);
            maxMagnitude.put(key, EigenLayerReader.decodeMaxMagnitude(next.get()));
            List<Map.Entry<Restaking.OperatorSet, Read<BigInteger>>> sets = new ArrayList<>();
            for (Restaking.OperatorSet set : graph.operatorSets()) {
                sets.add(Map.entry(set, EigenLayerReader.decodeAllocation(next.get())));
            }
            allocations.put(key, sets);
        }
        for (Restaking.Lrt lrt : graph.assets()) {
            List<String> errors = new ArrayList<>();
            Multicall3.Result backingResult = next.get();
            BigDecimal backing = backing(lrt.backing(), backingResult, errors);
            List<RestakingExposure.Delegation> delegations = new ArrayList<>();
            for (String account : lrt.delegators()) {
                Read<String> operator = EigenLayerReader.decodeDelegatedTo(next.get());
                Read<EigenLayerReader.StakerShares> shares = EigenLayerReader.decodeWithdrawableShares(next.get());
                if (!operator.available() || !shares.available()) {
                    errors.add(account + ": " + (operator.available() ? shares.error() : operator.error()));
                    continue;
                }
                delegations.add(delegation(account, operator.value(), shares.value().withdrawable(), maxMagnitude, allocations, errors));
            }
            out.put(lrt.asset(), new RestakingExposure(backing, delegations, errors.isEmpty(), errors));
        }
        return out;
    }

    private RestakingExposure.Delegation delegation(String account, String operator, BigInteger withdrawableWei,
                                                    Map<String, Read<BigInteger>> maxMagnitude,
                                                    Map<String, List<Map.Entry<Restaking.OperatorSet, Read<BigInteger>>>> allocations,
                                                    List<String> errors) {
        BigDecimal withdrawable = RestakingExposure.eth(withdrawableWei);
        if (new BigInteger(operator.substring(2), 16).signum() == 0) {
            return new RestakingExposure.Delegation(account, null, null, withdrawable, null, List.of());
        }
        String key = operator.toLowerCase(java.util.Locale.ROOT);
        String name = graph.operator(operator).map(Restaking.Operator::name).orElse(null);
        Read<BigInteger> max = maxMagnitude.get(key);
        if (max == null || !max.available() || max.value().signum() == 0) {
            errors.add(account + ": operator " + operator + (max == null ? " not in the catalogue: its allocations were not read"
                    : max.available() ? " has no magnitude left" : " max magnitude unreadable: " + max.error()));
            return new RestakingExposure.Delegation(account, operator, name, withdrawable, max == null || !max.available() ? null
                    : RestakingExposure.fraction(max.value()), List.of());
        }
        List<RestakingExposure.Allocation> list = new ArrayList<>();
        for (var e : allocations.get(key)) {
            if (!e.getValue().available()) {
                errors.add(account + ": allocation to " + e.getKey().name() + " unreadable: " + e.getValue().error());
                continue;
            }
            BigInteger magnitude = e.getValue().value();
            if (magnitude.signum() == 0) {
                continue;
            }
            // slashable = withdrawable × magnitude / max magnitude (exact in wei, then ETH)
            BigInteger slashableWei = withdrawableWei.multiply(magnitude).divide(max.value());
            list.add(new RestakingExposure.Allocation(e.getKey().name(), e.getKey().avs(), RestakingExposure.fraction(magnitude),
                    RestakingExposure.eth(slashableWei)));
        }
        return new RestakingExposure.Delegation(account, operator, name, withdrawable, RestakingExposure.fraction(max.value()), list);
    }

    /** {@code function(args)}: an argument starting with 0x is an address, any other a uint256. */
    static String backingCall(Restaking.Backing b) {
        List<org.web3j.abi.datatypes.Type> args = new ArrayList<>();
        for (String a : b.args()) {
            args.add(a.startsWith("0x") ? new org.web3j.abi.datatypes.Address(a)
                    : new org.web3j.abi.datatypes.generated.Uint256(new BigInteger(a)));
        }
        return org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(b.function(), args, List.of()));
    }

    private static BigDecimal backing(Restaking.Backing b, Multicall3.Result result, List<String> errors) {
        if (b.function().equals(Restaking.Backing.RENZO_TVLS)) {
            var tvls = RenzoReader.decodeCalculateTvls(result);
            if (!tvls.available()) {
                errors.add("backing: " + tvls.error());
                return null;
            }
            return RestakingExposure.eth(tvls.value().totalTvl());
        }
        if (!result.success()) {
            errors.add("backing: " + b.function() + " reverted");
            return null;
        }
        try {
            return RestakingExposure.eth(UintViewCall.decode(result.returnData()));
        } catch (IllegalArgumentException e) {
            errors.add("backing: " + e.getMessage());
            return null;
        }
    }
}

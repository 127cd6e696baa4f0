package io.lrtyield.common.restaking;

import io.lrtyield.common.chain.reader.EigenLayerQueueReader.OperatorSetId;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.event.RestakingExposure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One operator at one block for one strategy, as the snapshot read it: its max magnitude, its allocation to each operator
 * set read, and the sets it allocates to that were not read this block (found by {@code getAllocatedSets}; read from the
 * next block on). Turns an amount of the strategy's shares delegated to it into the slashable part per set.
 */
record OperatorView(Read<BigInteger> maxMagnitude, Map<OperatorSetId, Read<BigInteger>> allocations, List<String> unreadSets,
                    Map<OperatorSetId, String> setNames) {

    /**
     * The allocations of {@code sharesWei} of the strategy delegated to this operator: slashable = shares × magnitude /
     * max magnitude (exact in wei), then × {@code ethPerShare} (1 for beacon-chain ETH). Problems go to {@code errors}.
     */
    List<RestakingExposure.Allocation> slashable(String who, BigInteger sharesWei, java.math.BigDecimal ethPerShare, List<String> errors) {
        List<RestakingExposure.Allocation> list = new ArrayList<>();
        if (!maxMagnitude.available() || maxMagnitude.value().signum() == 0) {
            errors.add(who + (maxMagnitude.available() ? " has no magnitude left" : " max magnitude unreadable: " + maxMagnitude.error()));
            return list;
        }
        if (!unreadSets.isEmpty()) {
            errors.add(who + " allocates to operator sets not read this block (read from the next one): " + String.join(", ", unreadSets));
        }
        for (var e : allocations.entrySet()) {
            if (!e.getValue().available()) {
                errors.add(who + ": allocation to " + setNames.get(e.getKey()) + " unreadable: " + e.getValue().error());
                continue;
            }
            BigInteger magnitude = e.getValue().value();
            if (magnitude.signum() == 0) {
                continue;
            }
            BigInteger slashableWei = sharesWei.multiply(magnitude).divide(maxMagnitude.value());
            list.add(new RestakingExposure.Allocation(setNames.get(e.getKey()), e.getKey().avs(), RestakingExposure.fraction(magnitude),
                    RestakingExposure.eth(slashableWei).multiply(ethPerShare)));
        }
        return list;
    }
}

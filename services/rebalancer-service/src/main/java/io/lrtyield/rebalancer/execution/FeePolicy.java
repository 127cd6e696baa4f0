package io.lrtyield.rebalancer.execution;

import java.math.BigInteger;

/**
 * How EIP-1559 fees are chosen.
 *
 * @param historyBlocks     blocks of {@code eth_feeHistory} to look at
 * @param rewardPercentile  priority-fee percentile paid in those blocks (e.g. 50)
 * @param minPriorityFeeWei floor for the tip (nodes and devnets often report zero rewards)
 * @param maxPriorityFeeWei ceiling for the tip
 * @param maxFeeCapWei      hard cap on {@code maxFeePerGas}: never sign above it
 */
public record FeePolicy(int historyBlocks, double rewardPercentile, BigInteger minPriorityFeeWei, BigInteger maxPriorityFeeWei,
                        BigInteger maxFeeCapWei) {

    public FeePolicy {
        if (historyBlocks < 1 || rewardPercentile < 0 || rewardPercentile > 100) {
            throw new IllegalArgumentException("bad fee history window");
        }
        if (minPriorityFeeWei.compareTo(maxPriorityFeeWei) > 0 || maxFeeCapWei.signum() <= 0) {
            throw new IllegalArgumentException("bad fee bounds");
        }
    }
}

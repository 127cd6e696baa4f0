package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * EIP-1559 fees from {@code eth_feeHistory}: the tip is the median of the recent blocks' rewards at the policy's
 * percentile (clamped to the policy's bounds); {@code maxFeePerGas} = 2 × the next block's base fee + tip, which
 * survives six full blocks of base-fee growth. Capped: above the cap the fee is clamped to it, and if even
 * {@code nextBaseFee + tip} exceeds the cap, nothing is signed.
 */
public final class FeeOracle {

    private final ExecutionChain chain;
    private final FeePolicy policy;

    public FeeOracle(ExecutionChain chain, FeePolicy policy) {
        this.chain = chain;
        this.policy = policy;
    }

    public FeeQuote quote() throws IOException {
        ExecutionChain.FeeHistory history = chain.feeHistory(policy.historyBlocks(), policy.rewardPercentile());
        if (history.baseFeePerGas().isEmpty()) {
            throw new IOException("eth_feeHistory returned no base fees (pre-London chain?)");
        }
        BigInteger nextBase = history.baseFeePerGas().get(history.baseFeePerGas().size() - 1);
        BigInteger tip = clamp(median(history.rewards()), policy.minPriorityFeeWei(), policy.maxPriorityFeeWei());
        return capped(nextBase, tip, nextBase.shiftLeft(1).add(tip));
    }

    /** Fees for replacing a stuck transaction: at least {@code bumpBps} above the old ones (nodes require ≥ 10 %), capped. */
    public FeeQuote bump(FeeQuote previous, int bumpBps) throws IOException {
        FeeQuote fresh = quote();
        BigInteger factor = BigInteger.valueOf(10_000L + bumpBps);
        BigInteger tip = previous.maxPriorityFeePerGas().multiply(factor).add(BigInteger.valueOf(9_999)).divide(BigInteger.valueOf(10_000))
                .max(fresh.maxPriorityFeePerGas());
        BigInteger maxFee = previous.maxFeePerGas().multiply(factor).add(BigInteger.valueOf(9_999)).divide(BigInteger.valueOf(10_000))
                .max(fresh.maxFeePerGas());
        if (maxFee.compareTo(policy.maxFeeCapWei()) > 0) {
            throw new FeeCapExceededException("replacement needs maxFeePerGas " + maxFee + " wei above the cap " + policy.maxFeeCapWei());
        }
        return new FeeQuote(maxFee, tip, fresh.nextBaseFee());
    }

    private FeeQuote capped(BigInteger nextBase, BigInteger tip, BigInteger maxFee) {
        BigInteger cap = policy.maxFeeCapWei();
        if (nextBase.add(tip).compareTo(cap) > 0) {
            throw new FeeCapExceededException("next base fee " + nextBase + " + tip " + tip + " wei exceeds the cap " + cap + " wei");
        }
        return new FeeQuote(maxFee.min(cap), tip, nextBase);
    }

    private static BigInteger median(List<BigInteger> values) {
        if (values.isEmpty()) {
            return BigInteger.ZERO;
        }
        List<BigInteger> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static BigInteger clamp(BigInteger v, BigInteger min, BigInteger max) {
        return v.max(min).min(max);
    }
}

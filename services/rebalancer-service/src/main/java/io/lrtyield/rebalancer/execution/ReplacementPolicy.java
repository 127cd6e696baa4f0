package io.lrtyield.rebalancer.execution;

import java.time.Duration;

/**
 * When a sent transaction counts as stuck and how it is replaced: the same transaction (same nonce, same call) signed
 * again with fees at least {@code bumpBps} higher (nodes require ≥ 10 %), at most {@code maxReplacements} times and
 * never above the fee cap. Every copy stays watched: whichever is mined settles the action.
 */
public record ReplacementPolicy(Duration stuckAfter, int bumpBps, int maxReplacements) {

    /** No replacement: wait for the receipt until the timeout. */
    public static final ReplacementPolicy NONE = new ReplacementPolicy(Duration.ofDays(365), 1_250, 0);

    public ReplacementPolicy {
        if (bumpBps < 1_000 || maxReplacements < 0) {
            throw new IllegalArgumentException("a replacement must bump fees by at least 10 %");
        }
    }
}

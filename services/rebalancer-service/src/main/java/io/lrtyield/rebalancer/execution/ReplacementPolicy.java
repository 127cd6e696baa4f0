package io.lrtyield.rebalancer.execution;

/**
 * When a sent transaction counts as stuck and how it is replaced: not mined within {@code stuckAfterBlocks} new blocks
 * since it was broadcast, the same transaction (same nonce, same call) is signed again with fees at least
 * {@code bumpBps} higher (nodes require ≥ 10 %), at most {@code maxReplacements} times and never above the fee cap;
 * each replacement gets the same number of blocks again. Every copy stays watched: whichever is mined settles the
 * action. Counted in blocks, not seconds: a slow node or a paused executor does not make a transaction look stuck.
 */
public record ReplacementPolicy(long stuckAfterBlocks, int bumpBps, int maxReplacements) {

    /** No replacement: wait for the receipt until the timeout. */
    public static final ReplacementPolicy NONE = new ReplacementPolicy(Long.MAX_VALUE, 1_250, 0);

    public ReplacementPolicy {
        if (stuckAfterBlocks < 1) {
            throw new IllegalArgumentException("stuck after " + stuckAfterBlocks + " blocks: at least one block");
        }
        if (bumpBps < 1_000 || maxReplacements < 0) {
            throw new IllegalArgumentException("a replacement must bump fees by at least 10 %");
        }
    }

    /** Whether a copy broadcast at head {@code sentAt} is stuck at head {@code head}. */
    public boolean stuck(long sentAt, long head) {
        return head - sentAt >= stuckAfterBlocks;
    }
}

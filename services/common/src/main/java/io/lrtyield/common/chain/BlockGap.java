package io.lrtyield.common.chain;

/**
 * Blocks {@code fromBlock}…{@code toBlock} (inclusive) a {@link CatchUp} will never process: the node could not serve
 * their state, or they fell out of the catch-up window. Reported by the pipeline that owns it, never silently skipped.
 */
public record BlockGap(long fromBlock, long toBlock, String reason) {

    public BlockGap {
        if (toBlock < fromBlock) {
            throw new IllegalArgumentException("gap " + fromBlock + ".." + toBlock + " is empty");
        }
    }

    public long blocks() {
        return toBlock - fromBlock + 1;
    }
}

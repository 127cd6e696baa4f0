package io.lrtyield.price.pipeline;

/**
 * Blocks {@code fromBlock}…{@code toBlock} (inclusive) that have no price tick and never will: the node could not serve
 * their state, or they fell out of the catch-up window. Reported (metric, WARN log, {@code GET /api/v1/prices/gaps}),
 * never silently skipped.
 */
public record PriceGap(long fromBlock, long toBlock, String reason) {

    public PriceGap {
        if (toBlock < fromBlock) {
            throw new IllegalArgumentException("gap " + fromBlock + ".." + toBlock + " is empty");
        }
    }

    public long blocks() {
        return toBlock - fromBlock + 1;
    }
}

package io.lrtyield.devnet.simulator;

/**
 * An active market scenario.
 *
 * @param type depeg, rate-spike, stale-oracle or pause-venue
 * @param subject the asset, market or venue it acts on
 * @param bps depeg depth or target borrow APR in basis points; 0 when not applicable
 * @param endBlock the block at which it recovers; {@link Long#MAX_VALUE} until reset
 */
public record Scenario(String type, String subject, int bps, long startBlock, long endBlock) {

    public String key() {
        return type + ":" + subject;
    }

    public long remainingBlocks(long block) {
        return endBlock == Long.MAX_VALUE ? -1 : Math.max(0, endBlock - block);
    }
}

package io.lrtyield.yield.pipeline;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Publish a venue's quote when it changed materially or every N blocks; not on every wobble of the last digit. A quote
 * counts as published once Kafka acknowledged it ({@link #published}): a send that failed leaves it due, so the retry
 * of its block publishes it, and a retry after the acknowledgement finds it no longer due (no eventId twice).
 */
final class PublishPolicy {

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private record Last(long block, BigDecimal netApy) {
    }

    private final BigDecimal minChangeBps;
    private final int everyBlocks;
    private final Map<String, Last> last = new HashMap<>();

    PublishPolicy(BigDecimal minChangeBps, int everyBlocks) {
        this.minChangeBps = minChangeBps;
        this.everyBlocks = everyBlocks;
    }

    synchronized boolean due(String venueId, long block, BigDecimal netApy) {
        Last previous = last.get(venueId);
        if (previous != null && block == previous.block()) {
            return false; // this block's quote is out already
        }
        return previous == null
                || block - previous.block() >= everyBlocks
                || netApy.subtract(previous.netApy()).abs().multiply(BPS).compareTo(minChangeBps) >= 0;
    }

    synchronized void published(String venueId, long block, BigDecimal netApy) {
        last.put(venueId, new Last(block, netApy));
    }
}

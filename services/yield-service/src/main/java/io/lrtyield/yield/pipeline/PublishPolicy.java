package io.lrtyield.yield.pipeline;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Publish a venue's quote when it changed materially or every N blocks; not on every wobble of the last digit. */
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

    synchronized boolean shouldPublish(String venueId, long block, BigDecimal netApy) {
        Last previous = last.get(venueId);
        boolean publish = previous == null
                || block - previous.block() >= everyBlocks
                || netApy.subtract(previous.netApy()).abs().multiply(BPS).compareTo(minChangeBps) >= 0;
        if (publish) {
            last.put(venueId, new Last(block, netApy));
        }
        return publish;
    }
}

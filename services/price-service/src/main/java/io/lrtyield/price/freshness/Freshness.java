package io.lrtyield.price.freshness;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;

import java.util.ArrayList;
import java.util.List;

/**
 * A tick is only as good as its age: one published {@code staleAfterBlocks} or more blocks before the chain's head is
 * served as STALE, whatever its status said when it was published — the reads that would have replaced it failed. Pure
 * (no framework): the REST API and the readiness check apply it to what the store holds.
 */
public final class Freshness {

    private final long staleAfterBlocks;

    public Freshness(long staleAfterBlocks) {
        if (staleAfterBlocks < 1) {
            throw new IllegalArgumentException("stale-after-blocks must be at least 1, got " + staleAfterBlocks);
        }
        this.staleAfterBlocks = staleAfterBlocks;
    }

    public long staleAfterBlocks() {
        return staleAfterBlocks;
    }

    /** Blocks between the tick's block and the head (0 when the head is unknown or behind the tick). */
    public static long ageBlocks(PriceTick tick, Long head) {
        return head == null ? 0 : Math.max(0, head - tick.provenance().blockNumber());
    }

    /** The tick as it should be served at this head: unchanged while fresh, STALE (with the reason) once too old. */
    public PriceTick atHead(PriceTick tick, Long head) {
        if (tick == null) {
            return null;
        }
        long age = ageBlocks(tick, head);
        if (age < staleAfterBlocks || tick.status() == PriceStatus.STALE) {
            return tick;
        }
        List<String> reasons = new ArrayList<>(tick.reasons());
        reasons.add(0, "no fresh read for " + age + " blocks (tick of block " + tick.provenance().blockNumber() + ", head " + head
                + ", stale after " + staleAfterBlocks + "); published as " + tick.status());
        return new PriceTick(tick.schemaVersion(), tick.eventId(), tick.asset(), tick.marketPriceEth(), tick.priceUsd(),
                tick.fundamentalRate(), tick.discountBps(), PriceStatus.STALE, tick.confidence(), tick.sources(), reasons,
                tick.provenance());
    }

    /** Why the service is not ready: the newest published block is too far behind the head; null when it is fresh. */
    public String behind(Long lastProcessed, Long head) {
        if (head == null) {
            return null;
        }
        if (lastProcessed == null) {
            return "nothing priced yet at head " + head;
        }
        long age = head - lastProcessed;
        return age >= staleAfterBlocks ? "last processed block " + lastProcessed + " is " + age + " blocks behind the head " + head
                + " (stale after " + staleAfterBlocks + "): the chain reads are failing" : null;
    }
}

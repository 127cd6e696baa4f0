package io.lrtyield.rebalancer.decision;

import io.lrtyield.common.event.YieldQuote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The decision step in its simplest honest form: keep the latest quote of each venue, compare the best venue with
 * where the vault is, and propose a move only when the gain clears a margin. Quotes flagged by the yield sanity
 * guards are not trusted as "best". Idle ETH earns zero; any other venue without a quote yet
 * makes the gain unknown, so the engine holds.
 */
public final class DecisionEngine {

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private final String vault;
    private final String idleVenue;
    private final BigDecimal minGainBps;
    private final Map<String, YieldQuote> latest = new HashMap<>();
    private String currentVenue;

    public DecisionEngine(String vault, String currentVenue, String idleVenue, BigDecimal minGainBps) {
        this.vault = vault;
        this.idleVenue = idleVenue;
        this.currentVenue = currentVenue;
        this.minGainBps = minGainBps;
    }

    public synchronized Decision onQuote(YieldQuote quote, long nowMillis) {
        YieldQuote previous = latest.get(quote.venueId());
        // block timestamps, not numbers: they stay monotonic when a devnet chain is reset
        if (previous == null || previous.provenance().blockTimestamp() <= quote.provenance().blockTimestamp()) {
            latest.put(quote.venueId(), quote);
        }
        YieldQuote best = latest.values().stream()
                .filter(DecisionEngine::trusted)
                .max(Comparator.comparing(YieldQuote::netApy).thenComparing(YieldQuote::venueId))
                .orElse(null);
        long block = quote.provenance().blockNumber();
        if (best == null) {
            return new Decision(vault, Decision.HOLD, currentVenue, null, null, null, BigDecimal.ZERO,
                    "no trusted quote yet", block, quote.eventId(), nowMillis);
        }
        BigDecimal currentApy = netApyOf(currentVenue);
        if (currentApy == null) {
            return new Decision(vault, Decision.HOLD, currentVenue, null, best.venueId(), best.netApy(), null,
                    "no quote yet for the current venue " + currentVenue + ": the gain of moving is unknown", block,
                    quote.eventId(), nowMillis);
        }
        BigDecimal gainBps = best.netApy().subtract(currentApy).multiply(BPS).setScale(4, RoundingMode.HALF_EVEN);
        if (best.venueId().equals(currentVenue) || gainBps.compareTo(minGainBps) < 0) {
            String reason = best.venueId().equals(currentVenue)
                    ? "already in the best venue " + currentVenue
                    : "best venue " + best.venueId() + " gains " + gainBps.toPlainString() + " bps < margin " + minGainBps.toPlainString() + " bps";
            return new Decision(vault, Decision.HOLD, currentVenue, currentApy, best.venueId(), best.netApy(), gainBps, reason,
                    block, quote.eventId(), nowMillis);
        }
        return new Decision(vault, Decision.REBALANCE, currentVenue, currentApy, best.venueId(), best.netApy(), gainBps,
                "move " + currentVenue + " → " + best.venueId() + ": +" + gainBps.toPlainString() + " bps ≥ margin "
                        + minGainBps.toPlainString() + " bps (plans and execution arrive with the execution engine)",
                block, quote.eventId(), nowMillis);
    }

    /** Net APY of a venue; idle ETH earns exactly zero; null when an earning venue has no quote yet. */
    private BigDecimal netApyOf(String venueId) {
        YieldQuote q = latest.get(venueId);
        if (q != null) {
            return q.netApy();
        }
        return venueId.equals(idleVenue) ? BigDecimal.ZERO : null;
    }

    private static boolean trusted(YieldQuote q) {
        return q.flags().stream().noneMatch(f -> f.startsWith("clamped") || f.startsWith("jump"));
    }
}

package io.lrtyield.rebalancer.decision;

import io.lrtyield.common.event.PriceTick;
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
    private final Map<String, PriceTick> prices = new HashMap<>();
    private final String currentVenue;

    public DecisionEngine(String vault, String currentVenue, String idleVenue, BigDecimal minGainBps) {
        this.vault = vault;
        this.idleVenue = idleVenue;
        this.currentVenue = currentVenue;
        this.minGainBps = minGainBps;
    }

    /**
     * Records the latest price status of an asset: the circuit breaker of ARCHITECTURE §7 — no decision may rest on a
     * STALE or UNSAFE price, nor on an asset with no price at all (ETH, the numeraire, needs none).
     */
    public synchronized void onPrice(PriceTick tick) {
        PriceTick previous = prices.get(tick.asset());
        if (previous == null || previous.provenance().blockTimestamp() <= tick.provenance().blockTimestamp()) {
            prices.put(tick.asset(), tick);
        }
    }

    public synchronized Decision onQuote(YieldQuote quote, long nowMillis) {
        YieldQuote previous = latest.get(quote.venueId());
        // block timestamps, not numbers: they stay monotonic when a devnet chain is reset
        if (previous == null || previous.provenance().blockTimestamp() <= quote.provenance().blockTimestamp()) {
            latest.put(quote.venueId(), quote);
        }
        Comparator<YieldQuote> byApy = Comparator.comparing(YieldQuote::netApy).thenComparing(YieldQuote::venueId);
        YieldQuote bestUngated = latest.values().stream().filter(DecisionEngine::trusted).max(byApy).orElse(null);
        YieldQuote best = latest.values().stream()
                .filter(DecisionEngine::trusted)
                .filter(q -> priceBlock(q.asset()) == null)
                .max(byApy)
                .orElse(null);
        long block = quote.provenance().blockNumber();
        String breaker = bestUngated != null && bestUngated != best
                ? "circuit breaker: " + bestUngated.venueId() + " excluded, " + priceBlock(bestUngated.asset()) + "; "
                : "";
        if (best == null) {
            return new Decision(vault, Decision.HOLD, currentVenue, null, null, null, BigDecimal.ZERO,
                    breaker + "no trusted quote with an actionable price yet", block, quote.eventId(), nowMillis);
        }
        String currentAsset = latest.containsKey(currentVenue) ? latest.get(currentVenue).asset() : null;
        if (currentAsset != null && priceBlock(currentAsset) != null) {
            return new Decision(vault, Decision.HOLD, currentVenue, null, best.venueId(), best.netApy(), null,
                    "circuit breaker: cannot price the exit from " + currentVenue + ", " + priceBlock(currentAsset), block,
                    quote.eventId(), nowMillis);
        }
        BigDecimal currentApy = netApyOf(currentVenue);
        if (currentApy == null) {
            return new Decision(vault, Decision.HOLD, currentVenue, null, best.venueId(), best.netApy(), null,
                    "no quote yet for the current venue " + currentVenue + ": the gain of moving is unknown", block,
                    quote.eventId(), nowMillis);
        }
        BigDecimal gainBps = best.netApy().subtract(currentApy).multiply(BPS).setScale(4, RoundingMode.HALF_EVEN);
        if (best.venueId().equals(currentVenue) || gainBps.compareTo(minGainBps) < 0) {
            String reason = breaker + (best.venueId().equals(currentVenue)
                    ? "already in the best venue " + currentVenue
                    : "best venue " + best.venueId() + " gains " + gainBps.toPlainString() + " bps < margin " + minGainBps.toPlainString() + " bps");
            return new Decision(vault, Decision.HOLD, currentVenue, currentApy, best.venueId(), best.netApy(), gainBps, reason,
                    block, quote.eventId(), nowMillis);
        }
        return new Decision(vault, Decision.REBALANCE, currentVenue, currentApy, best.venueId(), best.netApy(), gainBps,
                breaker + "move " + currentVenue + " → " + best.venueId() + ": +" + gainBps.toPlainString() + " bps ≥ margin "
                        + minGainBps.toPlainString() + " bps (signal on this quote alone; plans come from each block's portfolio decision)",
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

    /** Why the asset's price cannot be acted on, or null when it can. */
    private String priceBlock(String asset) {
        if ("ETH".equals(asset)) {
            return null;
        }
        PriceTick tick = prices.get(asset);
        if (tick == null) {
            return asset + " has no price yet";
        }
        if (!tick.status().actionable()) {
            return asset + " " + tick.status() + (tick.reasons().isEmpty() ? "" : " (" + tick.reasons().get(tick.reasons().size() - 1) + ")");
        }
        return null;
    }

    private static boolean trusted(YieldQuote q) {
        return q.flags().stream().noneMatch(f -> f.startsWith("clamped") || f.startsWith("jump"));
    }
}

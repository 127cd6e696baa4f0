package io.lrtyield.price.aggregate;

import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.MarketReading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one asset's market readings of one block into a market price, checking each source first:
 * <ol>
 *   <li>unavailable read → UNAVAILABLE; a feed answer older than its heartbeat (block time) → STALE;</li>
 *   <li>a price above the fundamental rate by more than the premium bound → IMPLAUSIBLE (the token can be minted at
 *       the fundamental rate, so no sane market pays much more);</li>
 *   <li>a move beyond {@code maxJumpBps} from the source's last accepted value → JUMP, held out unless another fresh
 *       source corroborates the new level, or the source has held it for {@code jumpConfirmBlocks} blocks;</li>
 *   <li>the weighted median of what is left; sources further than {@code maxDeviationBps} from it → OUTLIER, and the
 *       median is taken again without them.</li>
 * </ol>
 * Confidence = share of the configured weight that was used × (1 − dispersion / deviation bound). One instance per
 * pipeline: it remembers each source's last accepted value.
 */
final class MarketScreen {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** The outcome for one asset. {@code price} is null when no source survived the checks. */
    record Outcome(BigDecimal price, BigDecimal confidence, List<SourceValue> sources, List<String> reasons, boolean anyFresh,
                   BigDecimal maxExitSlippageBps, BigInteger exitProbeSize) {
    }

    private record Pending(BigDecimal level, int blocks) {
    }

    private final Map<String, BigDecimal> lastAccepted = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();

    Outcome screen(String asset, MarketPricing pricing, BigDecimal fundamental, List<MarketReading> readings, long blockTimestamp) {
        List<String> reasons = new ArrayList<>();
        Map<PriceSource, BigDecimal> values = new HashMap<>();
        Map<PriceSource, String> status = new HashMap<>();
        Map<PriceSource, String> detail = new HashMap<>();
        boolean anyFresh = false;
        for (MarketReading r : readings) {
            PriceSource s = r.source();
            if (!r.available()) {
                mark(status, detail, s, SourceValue.UNAVAILABLE, r.error());
                continue;
            }
            if (s.scaleByFundamental() && fundamental == null) {
                mark(status, detail, s, SourceValue.UNAVAILABLE, "prices the wrapped token; the fundamental rate to scale it is unavailable");
                continue;
            }
            BigDecimal value = s.scaleByFundamental() ? r.value().multiply(fundamental, MC) : r.value();
            values.put(s, value);
            if (s.kind().equals(PriceSource.CHAINLINK) && blockTimestamp - r.updatedAt() > s.heartbeatSeconds()) {
                mark(status, detail, s, SourceValue.STALE, "answer is " + (blockTimestamp - r.updatedAt()) + " s old, heartbeat "
                        + s.heartbeatSeconds() + " s");
                continue;
            }
            anyFresh = true;
            if (fundamental != null && bps(value, fundamental).compareTo(BigDecimal.valueOf(pricing.maxPremiumBps())) > 0
                    && value.compareTo(fundamental) > 0) {
                mark(status, detail, s, SourceValue.IMPLAUSIBLE, bps(value, fundamental).setScale(1, RoundingMode.HALF_EVEN).toPlainString()
                        + " bps above the fundamental rate (bound " + pricing.maxPremiumBps() + ")");
                continue;
            }
            String jump = jumpOf(asset, s, value, pricing);
            if (jump != null) {
                mark(status, detail, s, SourceValue.JUMP, jump);
            }
        }
        // a jumped source another fresh source agrees with is a real move, not a broken oracle
        for (var e : values.entrySet()) {
            if (SourceValue.JUMP.equals(status.get(e.getKey())) && corroborated(e.getKey(), e.getValue(), values, status, pricing)) {
                status.remove(e.getKey());
                detail.remove(e.getKey());
            }
        }
        List<PriceSource> candidates = readings.stream().map(MarketReading::source)
                .filter(s -> values.containsKey(s) && !status.containsKey(s)).toList();
        BigDecimal price = null;
        if (!candidates.isEmpty()) {
            price = WeightedMedian.median(points(candidates, values));
            List<PriceSource> kept = new ArrayList<>();
            for (PriceSource s : candidates) {
                BigDecimal off = bps(values.get(s), price);
                if (off.compareTo(BigDecimal.valueOf(pricing.maxDeviationBps())) > 0) {
                    mark(status, detail, s, SourceValue.OUTLIER, off.setScale(1, RoundingMode.HALF_EVEN).toPlainString()
                            + " bps from the median (bound " + pricing.maxDeviationBps() + ")");
                } else {
                    kept.add(s);
                }
            }
            price = kept.isEmpty() ? null : WeightedMedian.median(points(kept, values));
        }
        double totalWeight = readings.stream().mapToDouble(r -> r.source().weight()).sum();
        double usedWeight = 0;
        List<SourceValue> out = new ArrayList<>(readings.size());
        BigDecimal worstSlippage = null;
        BigInteger worstSize = null;
        for (MarketReading r : readings) {
            PriceSource s = r.source();
            String st = status.getOrDefault(s, SourceValue.OK);
            boolean used = st.equals(SourceValue.OK);
            if (used) {
                usedWeight += s.weight();
                lastAccepted.put(key(asset, s), values.get(s));
                pending.remove(key(asset, s));
                for (var probe : r.depthSlippageBps().entrySet()) {
                    if (worstSlippage == null || probe.getValue().compareTo(worstSlippage) > 0) {
                        worstSlippage = probe.getValue();
                        worstSize = probe.getKey();
                    }
                }
            } else {
                reasons.add("source " + s.id() + " " + st + ": " + detail.get(s));
            }
            out.add(new SourceValue(s.id(), s.kind(), values.get(s), r.available(), detail.get(s), st, used ? s.weight() : 0));
        }
        BigDecimal confidence = null;
        if (price != null) {
            List<WeightedMedian.Point> used = points(readings.stream().map(MarketReading::source)
                    .filter(s -> !status.containsKey(s)).toList(), values);
            double dispersion = WeightedMedian.deviationBps(used, price) / pricing.maxDeviationBps();
            confidence = BigDecimal.valueOf(usedWeight / totalWeight * Math.max(0, 1 - dispersion)).setScale(4, RoundingMode.HALF_EVEN);
        }
        return new Outcome(price, confidence, out, reasons, anyFresh, worstSlippage, worstSize);
    }

    /** Null when the value is within the jump bound of the last accepted one (or confirmed); the reason otherwise. */
    private String jumpOf(String asset, PriceSource s, BigDecimal value, MarketPricing pricing) {
        String key = key(asset, s);
        BigDecimal last = lastAccepted.get(key);
        if (last == null) {
            return null;
        }
        BigDecimal move = bps(value, last);
        if (move.compareTo(BigDecimal.valueOf(pricing.maxJumpBps())) <= 0) {
            pending.remove(key);
            return null;
        }
        Pending held = pending.get(key);
        int blocks = held != null && bps(value, held.level()).compareTo(BigDecimal.valueOf(pricing.maxDeviationBps())) <= 0
                ? held.blocks() + 1 : 1;
        pending.put(key, new Pending(held != null && blocks > 1 ? held.level() : value, blocks));
        if (blocks >= pricing.jumpConfirmBlocks()) {
            return null;
        }
        return "moved " + move.setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " bps in one step (bound " + pricing.maxJumpBps()
                + "), held until corroborated or confirmed (" + blocks + "/" + pricing.jumpConfirmBlocks() + " blocks)";
    }

    private static boolean corroborated(PriceSource jumped, BigDecimal value, Map<PriceSource, BigDecimal> values,
                                        Map<PriceSource, String> status, MarketPricing pricing) {
        for (var other : values.entrySet()) {
            String st = status.get(other.getKey());
            boolean fresh = st == null || st.equals(SourceValue.JUMP);
            if (other.getKey() != jumped && fresh
                    && bps(other.getValue(), value).compareTo(BigDecimal.valueOf(pricing.maxDeviationBps())) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static List<WeightedMedian.Point> points(List<PriceSource> sources, Map<PriceSource, BigDecimal> values) {
        return sources.stream().map(s -> new WeightedMedian.Point(values.get(s), s.weight())).toList();
    }

    private static void mark(Map<PriceSource, String> status, Map<PriceSource, String> detail, PriceSource s, String st, String why) {
        status.put(s, st);
        detail.put(s, why);
    }

    /** |a / b − 1| in bps. */
    static BigDecimal bps(BigDecimal a, BigDecimal b) {
        return a.divide(b, MC).subtract(BigDecimal.ONE).abs().multiply(BPS);
    }

    private static String key(String asset, PriceSource s) {
        return asset + "|" + s.id();
    }
}

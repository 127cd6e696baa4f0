package io.lrtyield.price.aggregate;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.RateReading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one block's readings into one {@link PriceTick} per asset, and the alerts they call for. Today it knows the
 * fundamental rate only: no market source yet, so market price and discount stay empty (never invented) and the tick
 * says so. Safety checks on the fundamental rate:
 * <ul>
 *   <li>unavailable read → UNSAFE;</li>
 *   <li>growth above the asset's CAPO-style cap → UNSAFE, and a CRITICAL {@code RATE_GROWTH_CAP} alert when the
 *       condition starts (and an inactive one when it clears — no alert per block);</li>
 *   <li>a rate that falls (slashing or loss) is reported with the drop in bps and a WARN {@code RATE_DECREASE} alert,
 *       never smoothed away.</li>
 * </ul>
 */
public final class PriceAggregator {

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** Ticks and the alerts raised while making them. */
    public record Result(List<PriceTick> ticks, List<RiskAlert> alerts) {
    }

    private final Map<String, Double> maxAnnualGrowth;
    private final RateGrowthCap cap;
    private final Map<String, BigDecimal> previousRate = new HashMap<>();
    private final Set<String> capExceeded = new HashSet<>();

    /** @param maxAnnualGrowth per asset, from the catalogue; assets without an entry are not capped */
    public PriceAggregator(Map<String, Double> maxAnnualGrowth, RateGrowthCap cap) {
        this.maxAnnualGrowth = Map.copyOf(maxAnnualGrowth);
        this.cap = cap;
    }

    public synchronized Result aggregate(List<RateReading> readings, Provenance provenance) {
        List<PriceTick> ticks = new ArrayList<>(readings.size());
        List<RiskAlert> alerts = new ArrayList<>();
        for (RateReading reading : readings) {
            ticks.add(tick(reading, provenance, alerts));
        }
        return new Result(ticks, alerts);
    }

    private PriceTick tick(RateReading reading, Provenance provenance, List<RiskAlert> alerts) {
        List<String> reasons = new ArrayList<>();
        SourceValue source = new SourceValue(reading.source(), "FUNDAMENTAL", reading.rate(), reading.available(), reading.error());
        PriceStatus status;
        String asset = reading.asset();
        if (!reading.available()) {
            status = PriceStatus.UNSAFE;
            reasons.add("fundamental rate unavailable: " + reading.error());
        } else {
            status = PriceStatus.DEGRADED;
            reasons.add("no market source configured: market price unknown");
            BigDecimal previous = previousRate.put(asset, reading.rate());
            if (previous != null && reading.rate().compareTo(previous) < 0) {
                BigDecimal dropBps = BigDecimal.ONE.subtract(reading.rate().divide(previous, MathContext.DECIMAL128)).multiply(BPS)
                        .setScale(4, RoundingMode.HALF_EVEN);
                reasons.add("fundamental rate fell by " + dropBps.toPlainString() + " bps since the previous block");
                alerts.add(alert(asset, "RATE_DECREASE", "WARN", "fundamental rate of " + asset + " fell by " + dropBps.toPlainString()
                        + " bps (slashing or loss?)", dropBps, BigDecimal.ZERO, true, provenance));
            }
            Double bound = maxAnnualGrowth.get(asset);
            if (bound != null) {
                var verdict = cap.check(asset, reading.rate(), bound, provenance.blockTimestamp(), provenance.blockNumber());
                if (verdict.exceeded()) {
                    status = PriceStatus.UNSAFE;
                    String why = "fundamental rate " + reading.rate().toPlainString() + " above its growth cap "
                            + verdict.cap().setScale(18, RoundingMode.HALF_EVEN).toPlainString() + " (" + bound * 100 + " %/yr since block "
                            + verdict.snapshot().block() + ")";
                    reasons.add(why);
                    if (capExceeded.add(asset)) {
                        alerts.add(alert(asset, "RATE_GROWTH_CAP", "CRITICAL", why, reading.rate(), verdict.cap(), true, provenance));
                    }
                } else if (capExceeded.remove(asset)) {
                    alerts.add(alert(asset, "RATE_GROWTH_CAP", "INFO", "fundamental rate of " + asset + " back within its growth cap",
                            reading.rate(), verdict.cap(), false, provenance));
                }
            }
        }
        return new PriceTick(PriceTick.SCHEMA_VERSION, PriceTick.idFor(asset, provenance), asset,
                null, null, reading.rate(), null, status, List.of(source), reasons, provenance);
    }

    private static RiskAlert alert(String subject, String kind, String severity, String message, BigDecimal value,
                                   BigDecimal threshold, boolean active, Provenance p) {
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(subject, kind, active, p), subject, kind, severity, message,
                value, threshold, active, p);
    }
}

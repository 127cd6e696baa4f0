package io.lrtyield.price.aggregate;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.RateReading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one block's readings into one {@link PriceTick} per asset. Today it knows the fundamental rate only: no
 * market source yet, so market price and discount stay empty (never invented) and the tick says so.
 * A fundamental rate that falls between blocks is reported as a reason (slashing or loss), never smoothed away.
 */
public final class PriceAggregator {

    private final Map<String, BigDecimal> previousRate = new HashMap<>();

    public synchronized List<PriceTick> aggregate(List<RateReading> readings, Provenance provenance) {
        List<PriceTick> ticks = new ArrayList<>(readings.size());
        for (RateReading reading : readings) {
            ticks.add(tick(reading, provenance));
        }
        return ticks;
    }

    private PriceTick tick(RateReading reading, Provenance provenance) {
        List<String> reasons = new ArrayList<>();
        SourceValue source = new SourceValue(reading.source(), "FUNDAMENTAL", reading.rate(), reading.available(), reading.error());
        PriceStatus status;
        if (!reading.available()) {
            status = PriceStatus.UNSAFE;
            reasons.add("fundamental rate unavailable: " + reading.error());
        } else {
            status = PriceStatus.DEGRADED;
            reasons.add("no market source configured: market price unknown");
            BigDecimal previous = previousRate.put(reading.asset(), reading.rate());
            if (previous != null && reading.rate().compareTo(previous) < 0) {
                BigDecimal dropBps = BigDecimal.ONE.subtract(reading.rate().divide(previous, MathContext.DECIMAL64))
                        .multiply(BigDecimal.valueOf(10_000)).round(MathContext.DECIMAL32);
                reasons.add("fundamental rate fell by " + dropBps.toPlainString() + " bps since the previous block");
            }
        }
        return new PriceTick(PriceTick.SCHEMA_VERSION, PriceTick.idFor(reading.asset(), provenance), reading.asset(),
                null, null, reading.rate(), null, status, List.of(source), reasons, provenance);
    }
}

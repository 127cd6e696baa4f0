package io.lrtyield.price.aggregate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;

/**
 * A CAPO-style cap on fundamental-rate growth (as Aave's price-cap adapters do): a token's rate may not exceed
 * {@code snapshotRate × (1 + maxAnnualGrowth × elapsed / year)}, elapsed in block time since the snapshot. A rate above
 * the cap is a manipulated or broken oracle until proven otherwise. The snapshot follows the rate forward once it
 * is older than {@code refreshSeconds} and the rate is within the cap, so the bound tracks real, sustained growth.
 */
public final class RateGrowthCap {

    private static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(365L * 86_400L);
    private static final MathContext MC = MathContext.DECIMAL128;

    /** The reference point of the cap. */
    public record Snapshot(BigDecimal rate, long timestamp, long block) {
    }

    /** @param cap the highest rate allowed now; {@code exceeded} when the observed rate is above it */
    public record Verdict(boolean exceeded, BigDecimal cap, Snapshot snapshot) {
    }

    private final long refreshSeconds;
    private final Map<String, Snapshot> snapshots = new HashMap<>();

    public RateGrowthCap(long refreshSeconds) {
        this.refreshSeconds = refreshSeconds;
    }

    public synchronized Verdict check(String asset, BigDecimal rate, double maxAnnualGrowth, long timestamp, long block) {
        Snapshot snapshot = snapshots.get(asset);
        if (snapshot == null) {
            snapshot = new Snapshot(rate, timestamp, block);
            snapshots.put(asset, snapshot);
            return new Verdict(false, rate, snapshot);
        }
        long elapsed = Math.max(0, timestamp - snapshot.timestamp());
        BigDecimal growth = BigDecimal.valueOf(maxAnnualGrowth).multiply(BigDecimal.valueOf(elapsed), MC).divide(SECONDS_PER_YEAR, MC);
        BigDecimal cap = snapshot.rate().multiply(BigDecimal.ONE.add(growth), MC);
        if (rate.compareTo(cap) > 0) {
            return new Verdict(true, cap, snapshot);
        }
        if (elapsed >= refreshSeconds) {
            snapshots.put(asset, new Snapshot(rate, timestamp, block));
        }
        return new Verdict(false, cap, snapshot);
    }
}

package io.lrtyield.common.rate;

import io.lrtyield.common.event.RatePoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one APR/APY convention of the system (stated in the README):
 * <ul>
 *   <li>APR = (rate₁ / rate₀ − 1) × (seconds per year / (t₁ − t₀)), t from block timestamps;</li>
 *   <li>seconds per year = 365 × 86 400;</li>
 *   <li>APY = (1 + APR / 365)<sup>365</sup> − 1 (daily compounding).</li>
 * </ul>
 * Results carry 18 decimals, rounded half-even.
 */
public final class AprMath {

    public static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(365L * 86_400L);
    public static final int SCALE = 18;
    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final int DAYS = 365;

    private AprMath() {
    }

    /** APR between two observations; the later one must have a later timestamp. */
    public static BigDecimal apr(RatePoint start, RatePoint end) {
        long seconds = end.blockTimestamp() - start.blockTimestamp();
        if (seconds <= 0) {
            throw new IllegalArgumentException("APR needs a positive time span, got " + seconds + " s");
        }
        if (start.rate().signum() <= 0) {
            throw new IllegalArgumentException("APR needs a positive start rate");
        }
        BigDecimal growth = end.rate().divide(start.rate(), MC).subtract(BigDecimal.ONE);
        return growth.multiply(SECONDS_PER_YEAR, MC).divide(BigDecimal.valueOf(seconds), MC).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal apy(BigDecimal apr) {
        BigDecimal daily = BigDecimal.ONE.add(apr.divide(BigDecimal.valueOf(DAYS), MC));
        return daily.pow(DAYS, MC).subtract(BigDecimal.ONE).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /** A fixed-point integer (e.g. a 1e18-scaled rate) as an exact decimal. */
    public static BigDecimal fromFixedPoint(java.math.BigInteger raw, int decimals) {
        return new BigDecimal(raw, decimals);
    }
}

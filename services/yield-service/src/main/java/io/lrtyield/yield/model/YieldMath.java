package io.lrtyield.yield.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The yield convention of every venue, and the exact decimal functions it needs.
 *
 * <p><b>Convention.</b> Every APY we quote is the <em>effective annual yield</em>: the growth of one unit held for one
 * 365-day year (31 536 000 s), accrued the way the source itself accrues it. An APR is the nominal rate per 365-day
 * year; it becomes an APY by compounding at the source's accrual step:
 * <ul>
 *   <li>rates read from a protocol that accrues per second (Aave {@code currentLiquidityRate}, Morpho's IRM):
 *       {@code (1 + APR/31 536 000)^31 536 000 − 1} (reference §10.4), which is {@code e^APR − 1} to 1e-11;</li>
 *   <li>continuously compounded log rates (Pendle {@code lastLnImpliedRate}, Morpho per-second rates):
 *       {@code e^rate − 1} (§10.5, §10.6);</li>
 *   <li>rates measured from exchange-rate or virtual-price growth: the observed growth over the window, annualised by
 *       the README's daily step, {@code (1 + APR/365)^365 − 1} ({@link io.lrtyield.common.rate.AprMath}); the
 *       reference's {@code (r1/r0)^(year/Δt) − 1} is {@link #compoundedGrowthApy}.</li>
 * </ul>
 * Composite venues (loops, LPs with rewards) add and subtract component APYs; points and reward bands are never
 * added to the base figure. Fractions, never percents (0.032 = 3.2 %); results carry 18 decimals, half-even.
 */
public final class YieldMath {

    public static final int SCALE = 18;
    /** Internal precision: 40 significant digits. */
    public static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    public static final long SECONDS_PER_YEAR = 365L * 86_400L;
    public static final BigDecimal YEAR = BigDecimal.valueOf(SECONDS_PER_YEAR);
    public static final BigDecimal RAY = BigDecimal.TEN.pow(27);
    public static final BigDecimal WAD = BigDecimal.TEN.pow(18);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal REDUCED = new BigDecimal("0.001");
    private static final BigDecimal EPS = new BigDecimal("1e-45");

    private YieldMath() {
    }

    /** {@code e^x}, 40 significant digits: argument halved below 0.001, Taylor series, squared back. */
    public static BigDecimal exp(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ONE;
        }
        int halvings = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(REDUCED) > 0) {
            r = r.divide(TWO, MC);
            halvings++;
        }
        MathContext wide = new MathContext(MC.getPrecision() + 10, RoundingMode.HALF_EVEN);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(r, wide).divide(BigDecimal.valueOf(n), wide);
            sum = sum.add(term, wide);
            if (term.abs().compareTo(EPS) < 0) {
                break;
            }
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, wide);
        }
        return sum.round(MC);
    }

    /** Natural logarithm of a positive number: a double seed refined by Halley steps on {@link #exp}. */
    public static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("ln of a non-positive number: " + x);
        }
        if (x.compareTo(BigDecimal.ONE) == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal y = new BigDecimal(Math.log(x.doubleValue()), MC);
        for (int i = 0; i < 3; i++) {
            BigDecimal ey = exp(y);
            BigDecimal step = TWO.multiply(x.subtract(ey, MC), MC).divide(x.add(ey, MC), MC);
            y = y.add(step, MC);
            if (step.abs().compareTo(EPS) < 0) {
                break;
            }
        }
        return y;
    }

    /** {@code base^exponent} for a positive base and any real exponent. */
    public static BigDecimal pow(BigDecimal base, BigDecimal exponent) {
        return exp(exponent.multiply(ln(base), MC));
    }

    /** {@code e^rate − 1}: a continuously compounded annual rate as an APY. */
    public static BigDecimal continuousApy(BigDecimal rate) {
        return scale(exp(rate).subtract(BigDecimal.ONE, MC));
    }

    /** {@code (1 + apr/31 536 000)^31 536 000 − 1}: a per-second-accruing APR as an APY (reference §10.4). */
    public static BigDecimal perSecondApy(BigDecimal apr) {
        BigDecimal perSecond = BigDecimal.ONE.add(apr.divide(YEAR, MC), MC);
        return scale(perSecond.pow((int) SECONDS_PER_YEAR, MC).subtract(BigDecimal.ONE, MC));
    }

    /** The reference §10.1 APY of an exchange rate that grew from {@code r0} to {@code r1} in {@code seconds}. */
    public static BigDecimal compoundedGrowthApy(BigDecimal r0, BigDecimal r1, long seconds) {
        if (seconds <= 0 || r0.signum() <= 0 || r1.signum() <= 0) {
            throw new IllegalArgumentException("growth APY needs positive rates and a positive time span");
        }
        BigDecimal exponent = YEAR.divide(BigDecimal.valueOf(seconds), MC);
        return scale(pow(r1.divide(r0, MC), exponent).subtract(BigDecimal.ONE, MC));
    }

    /** A ray (1e27) fixed-point integer as an exact fraction. */
    public static BigDecimal fromRay(BigInteger ray) {
        return new BigDecimal(ray, 27);
    }

    /** A wad (1e18) fixed-point integer as an exact fraction. */
    public static BigDecimal fromWad(BigInteger wad) {
        return new BigDecimal(wad, 18);
    }

    /** ETH amount in wei (exact). */
    public static BigInteger wei(BigDecimal eth) {
        return eth.multiply(WAD).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }

    public static BigDecimal scale(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * A one-off cost, as a fraction of the position, spread over a holding horizon: the APY it takes away.
     * {@code cost × 365 / horizonDays}.
     */
    public static BigDecimal amortised(BigDecimal costFraction, BigDecimal horizonDays) {
        return scale(costFraction.multiply(BigDecimal.valueOf(365), MC).divide(horizonDays, MC));
    }
}

package io.lrtyield.backtest.history;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Market figures of a history (rates, prices, APRs, depths, gas prices) as exact decimals with 12 places held in a
 * {@code long}: compact enough for a year of samples in memory, exact to parse and print, and turned into the
 * {@link BigDecimal}s the production code reads without rounding.
 */
public final class Fixed {

    public static final int SCALE = 12;
    public static final long ONE = 1_000_000_000_000L;

    private Fixed() {
    }

    public static BigDecimal decimal(long fixed) {
        return BigDecimal.valueOf(fixed, SCALE);
    }

    /** Parses an exact decimal; more than 12 places, or out of range, is an error. */
    public static long parse(String text) {
        BigDecimal d = new BigDecimal(text.trim());
        return d.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** Rounds a model figure to 12 places (the generators' doubles become exact decimals here, once). */
    public static long of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite figure: " + value);
        }
        return Math.round(value * ONE);
    }

    public static double toDouble(long fixed) {
        return fixed / (double) ONE;
    }

    public static String format(long fixed) {
        return decimal(fixed).stripTrailingZeros().toPlainString();
    }
}

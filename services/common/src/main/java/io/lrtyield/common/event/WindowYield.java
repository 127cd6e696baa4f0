package io.lrtyield.common.event;

import java.math.BigDecimal;

/**
 * Yield over one window, measured between two observed rates.
 *
 * @param window nominal window: {@code 1d}, {@code 7d} or {@code 30d}
 * @param apr simple annualised rate, decimal fraction (0.03 = 3 %)
 * @param apy the APR compounded daily, decimal fraction (the house convention, see README)
 * @param complete false when history does not yet cover the whole window; start is then the oldest sample
 */
public record WindowYield(String window, BigDecimal apr, BigDecimal apy, RatePoint start, RatePoint end, boolean complete) {
}

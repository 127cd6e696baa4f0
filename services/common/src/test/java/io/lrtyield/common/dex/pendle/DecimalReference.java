package io.lrtyield.common.dex.pendle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** e^x, ln x and x^y in 40-digit decimals: the reference the integer AMM steps are checked against (no integer steps). */
final class DecimalReference {

    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal REDUCED = new BigDecimal("0.001");
    private static final BigDecimal EPS = new BigDecimal("1e-45");

    private DecimalReference() {
    }

    /** Argument halved below 0.001, Taylor series, squared back. */
    static BigDecimal exp(BigDecimal x) {
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
        for (int n = 1; n < 60 && term.abs().compareTo(EPS) >= 0; n++) {
            term = term.multiply(r, wide).divide(BigDecimal.valueOf(n), wide);
            sum = sum.add(term, wide);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, wide);
        }
        return sum.round(MC);
    }

    /** A double seed refined by Halley steps on {@link #exp}. */
    static BigDecimal ln(BigDecimal x) {
        if (x.compareTo(BigDecimal.ONE) == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal y = new BigDecimal(Math.log(x.doubleValue()), MC);
        for (int i = 0; i < 4; i++) {
            BigDecimal ey = exp(y);
            BigDecimal step = TWO.multiply(x.subtract(ey, MC), MC).divide(x.add(ey, MC), MC);
            y = y.add(step, MC);
            if (step.abs().compareTo(EPS) < 0) {
                break;
            }
        }
        return y;
    }

    static BigDecimal pow(BigDecimal base, BigDecimal exponent) {
        return exp(exponent.multiply(ln(base), MC));
    }
}

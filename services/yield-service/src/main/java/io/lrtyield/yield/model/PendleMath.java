package io.lrtyield.yield.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Pendle v2 fixed yield (reference §10.6): implied APY and PT price from {@code lastLnImpliedRate}. */
public final class PendleMath {

    private static final MathContext MC = YieldMath.MC;

    private PendleMath() {
    }

    /** {@code e^(lnImpliedRate) − 1}; the rate is 1e18-scaled, continuously compounded over 365 days. */
    public static BigDecimal impliedApy(BigInteger lnImpliedRateWad) {
        return YieldMath.continuousApy(YieldMath.fromWad(lnImpliedRateWad));
    }

    /** PT price in the SY's asset: {@code 1 / e^(lnImpliedRate × timeToExpiry / 31 536 000)}; 1 at or after expiry. */
    public static BigDecimal ptPrice(BigInteger lnImpliedRateWad, long secondsToExpiry) {
        if (secondsToExpiry <= 0) {
            return YieldMath.scale(BigDecimal.ONE);
        }
        BigDecimal exponent = YieldMath.fromWad(lnImpliedRateWad).multiply(BigDecimal.valueOf(secondsToExpiry), MC)
                .divide(YieldMath.YEAR, MC);
        return YieldMath.scale(YieldMath.exp(exponent.negate()));
    }

    /** {@code 1 − ptPrice}: the YT's value in the asset. */
    public static BigDecimal ytPrice(BigInteger lnImpliedRateWad, long secondsToExpiry) {
        return YieldMath.scale(BigDecimal.ONE.subtract(ptPrice(lnImpliedRateWad, secondsToExpiry)));
    }
}

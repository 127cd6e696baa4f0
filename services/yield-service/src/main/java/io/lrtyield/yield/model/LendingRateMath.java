package io.lrtyield.yield.model;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Lending-market rates as APRs and APYs (reference §10.4 Aave, §10.5 Morpho Blue), per the {@link YieldMath}
 * convention.
 */
public final class LendingRateMath {

    private LendingRateMath() {
    }

    /** Aave {@code currentLiquidityRate} or {@code currentVariableBorrowRate} (ray) as an APR: {@code rate / 1e27}. */
    public static BigDecimal aaveApr(BigInteger rayRate) {
        return YieldMath.fromRay(rayRate);
    }

    /** Aave APY: {@code (1 + APR/31 536 000)^31 536 000 − 1} (§10.4; the same shape for supply and borrow). */
    public static BigDecimal aaveApy(BigInteger rayRate) {
        return YieldMath.perSecondApy(aaveApr(rayRate));
    }

    /** Morpho Blue borrow APY from the IRM's per-second WAD rate: {@code e^(rate × 31 536 000) − 1} (§10.5). */
    public static BigDecimal morphoBorrowApy(BigInteger borrowRatePerSecondWad) {
        return YieldMath.continuousApy(YieldMath.fromWad(borrowRatePerSecondWad).multiply(YieldMath.YEAR));
    }

    /** Morpho Blue supply APY: {@code borrowAPY × utilisation × (1 − fee)}, utilisation = borrow / supply assets. */
    public static BigDecimal morphoSupplyApy(BigDecimal borrowApy, BigInteger totalBorrowAssets, BigInteger totalSupplyAssets,
                                             BigInteger feeWad) {
        if (totalSupplyAssets.signum() == 0) {
            return YieldMath.scale(BigDecimal.ZERO);
        }
        BigDecimal utilisation = new BigDecimal(totalBorrowAssets).divide(new BigDecimal(totalSupplyAssets), YieldMath.MC);
        BigDecimal keep = BigDecimal.ONE.subtract(YieldMath.fromWad(feeWad));
        return YieldMath.scale(borrowApy.multiply(utilisation, YieldMath.MC).multiply(keep, YieldMath.MC));
    }
}

package io.lrtyield.yield.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Points (EigenLayer, LRT protocols, Pendle) valued as an APY band, never mixed into the base figure: points accrue
 * on the principal and are not compounded, so APY = APR = points per ETH per day × price per point (ETH) × 365.
 *
 * @param low the APY at the low price per point
 * @param high the APY at the high price per point
 */
public record PointsBand(BigDecimal low, BigDecimal high) {

    private static final MathContext MC = YieldMath.MC;
    private static final BigDecimal DAYS = BigDecimal.valueOf(365);

    /**
     * @param pointsPerEthPerDay catalogue-configured accrual
     * @param priceLowEth low price per point, in ETH
     * @param priceHighEth high price per point, in ETH
     */
    public static PointsBand of(BigDecimal pointsPerEthPerDay, BigDecimal priceLowEth, BigDecimal priceHighEth) {
        if (pointsPerEthPerDay.signum() < 0 || priceLowEth.signum() < 0 || priceHighEth.compareTo(priceLowEth) < 0) {
            throw new IllegalArgumentException("points band needs non-negative accrual and 0 ≤ low ≤ high price");
        }
        BigDecimal perYear = pointsPerEthPerDay.multiply(DAYS, MC);
        return new PointsBand(YieldMath.scale(perYear.multiply(priceLowEth, MC)), YieldMath.scale(perYear.multiply(priceHighEth, MC)));
    }
}

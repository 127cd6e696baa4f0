package io.lrtyield.common.lending.morpho;

import java.math.BigInteger;

/**
 * A market's totals as {@code market(id)} returns them: assets and shares on both sides, the timestamp of the last
 * accrual and the fee (WAD share of interest). Stale between accruals: {@link InterestAccrual#accrue} brings it forward.
 */
public record MarketState(BigInteger totalSupplyAssets, BigInteger totalSupplyShares, BigInteger totalBorrowAssets,
                          BigInteger totalBorrowShares, long lastUpdate, BigInteger fee) {

    /** {@code totalBorrowAssets / totalSupplyAssets} in WAD, rounded down; 0 for an empty market. */
    public BigInteger utilization() {
        return totalSupplyAssets.signum() == 0 ? BigInteger.ZERO : MorphoMath.wDivDown(totalBorrowAssets, totalSupplyAssets);
    }
}

package io.lrtyield.common.lending.morpho;

import java.math.BigInteger;

/**
 * A market brought forward to a block, as the contract would see it if someone accrued its interest there: the stored
 * {@code market(id)} accrued with the adaptive curve IRM's average rate over the time since its last update, the rate
 * at target that accrual stores, and the borrow rate that applies from then on (what {@code borrowRateView} returns
 * right after an {@code accrueInterest} in the block). Positions are valued on the accrued totals, as Morpho's own
 * {@code expectedSupplyAssets} does.
 *
 * @param state        the accrued totals ({@code lastUpdate} = the block's timestamp)
 * @param rateAtTarget the rate at target after the accrual, WAD per second
 * @param borrowRate   the instantaneous borrow rate at the accrued utilisation, WAD per second
 */
public record AccruedMarket(MarketState state, BigInteger rateAtTarget, BigInteger borrowRate) {

    /**
     * @param stored       {@code market(id)} as read at the block
     * @param rateAtTarget the IRM's stored {@code rateAtTarget(id)} at the block (0 before the market's first accrual)
     * @param timestamp    the block's timestamp
     */
    public static AccruedMarket at(MarketState stored, BigInteger rateAtTarget, long timestamp) {
        AdaptiveCurveIrmModel.Rates accrual = AdaptiveCurveIrmModel.rates(rateAtTarget, stored, timestamp);
        MarketState accrued = InterestAccrual.accrue(stored, accrual.avgBorrowRate(), timestamp);
        // with no time elapsed the model neither adapts nor averages: the curve at the stored rate at target
        BigInteger now = AdaptiveCurveIrmModel.rates(accrual.endRateAtTarget(), accrued, accrued.lastUpdate()).avgBorrowRate();
        return new AccruedMarket(accrued, accrual.endRateAtTarget(), now);
    }

    /** The assets {@code shares} of supply are worth, rounded down as a withdrawal by shares pays them. */
    public BigInteger supplyAssets(BigInteger shares) {
        return MorphoMath.toAssetsDown(shares, state.totalSupplyAssets(), state.totalSupplyShares());
    }
}

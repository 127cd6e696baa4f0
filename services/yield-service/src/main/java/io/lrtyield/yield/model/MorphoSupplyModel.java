package io.lrtyield.yield.model;

import io.lrtyield.common.lending.morpho.AccruedMarket;
import io.lrtyield.common.lending.morpho.AdaptiveCurveIrmModel;
import io.lrtyield.common.lending.morpho.MarketState;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Morpho Blue supplier's yield. Every accrual adds {@code totalBorrowAssets × wTaylorCompounded(borrowRate, Δt)} to the
 * supply, less the fee's share (minted to the fee recipient), so a supplier's assets grow at the per-second rate
 * {@code borrowRate × utilisation × (1 − fee)}, utilisation = totalBorrowAssets / totalSupplyAssets (exact fractions here,
 * not the contract's WAD roundings). Its APY follows the convention of {@link YieldMath} for rates that accrue per second,
 * the one Aave's rates are quoted with: {@code (1 + APR/31 536 000)^31 536 000 − 1} with APR = rate × 31 536 000, i.e.
 * {@code e^APR − 1} to 1e-11 (not Morpho's {@code wTaylorCompounded}, which is the contract's approximation of the same
 * growth over one accrual). Docs' {@code borrowAPY × utilisation × (1 − fee)} (reference §10.5) compounds the borrow rate
 * instead of the supplier's and reads higher by about {@code APR × (borrowAPR − APR) / 2} (0.007 % at 4 % borrow, 90 %).
 *
 * <p>The rate is the one that applies at the block: the market accrued to the block's timestamp and the IRM's curve at
 * the accrued utilisation with the rate at target the accrual stores ({@link AccruedMarket}), which is what
 * {@code borrowRateView} returns right after an {@code accrueInterest} in that block. Size: supplying S adds S to the
 * supply assets, lowers the utilisation and moves the borrow rate along the IRM's curve at the same rate at target; the
 * quote is the supply APY just after. (Below the 90 % target the rate at target then drifts down, at 50/year × the
 * normalised error, until borrowers follow: a later block's quote shows it; the size curve, like Aave's, does not
 * anticipate it.)
 */
public final class MorphoSupplyModel {

    private MorphoSupplyModel() {
    }

    /** {@code borrowRate × 31 536 000 × totalBorrow / totalSupply × (1 − fee)}, exact; 0 for an empty market. */
    public static BigDecimal supplyApr(BigInteger borrowRate, MarketState m) {
        if (m.totalSupplyAssets().signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal utilisation = utilisation(m);
        BigDecimal keep = BigDecimal.ONE.subtract(YieldMath.fromWad(m.fee()));
        return borrowApr(borrowRate).multiply(utilisation, YieldMath.MC).multiply(keep, YieldMath.MC);
    }

    /** The per-second WAD rate as an APR: {@code rate × 31 536 000 / 1e18}, exact. */
    public static BigDecimal borrowApr(BigInteger ratePerSecond) {
        return YieldMath.fromWad(ratePerSecond).multiply(YieldMath.YEAR);
    }

    public static BigDecimal utilisation(MarketState m) {
        return m.totalSupplyAssets().signum() == 0 ? BigDecimal.ZERO
                : new BigDecimal(m.totalBorrowAssets()).divide(new BigDecimal(m.totalSupplyAssets()), YieldMath.MC);
    }

    /** The supply APY at the block (per-second compounding, see the class comment). */
    public static BigDecimal supplyApy(AccruedMarket m) {
        return YieldMath.perSecondApy(supplyApr(m.borrowRate(), m.state()));
    }

    /** The supply APY just after {@code addedWei} more is supplied: the IRM's curve at the lower utilisation. */
    public static BigDecimal supplyApyAfter(AccruedMarket m, BigInteger addedWei) {
        MarketState s = m.state();
        MarketState after = new MarketState(s.totalSupplyAssets().add(addedWei), s.totalSupplyShares(), s.totalBorrowAssets(),
                s.totalBorrowShares(), s.lastUpdate(), s.fee());
        BigInteger rate = AdaptiveCurveIrmModel.rates(m.rateAtTarget(), after, after.lastUpdate()).avgBorrowRate();
        return YieldMath.perSecondApy(supplyApr(rate, after));
    }
}

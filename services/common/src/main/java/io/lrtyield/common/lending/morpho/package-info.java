/**
 * Morpho Blue market math in exact integer arithmetic, as the Morpho contract (v1.0.0) and the project's adaptive curve
 * IRM compute it: the market id of {@link MarketParams}, the shares/assets conversions with virtual shares and the
 * compounding approximation of {@link MorphoMath}, interest accrual and yields ({@link InterestAccrual}), the rate
 * model ({@link AdaptiveCurveIrmModel}) and a borrower's health and liquidation ({@link PositionRisk}). Plain Java,
 * no chain access: a reader or the devnet fills {@link MarketState} and {@link Position} from {@code market(id)} and
 * {@code position(id, user)}.
 *
 * <p>Rates are per second in WAD (1e18), prices are the oracle's 1e36-scaled collateral price in loan tokens. A
 * revert on chain is an {@link ArithmeticException} here.
 */
package io.lrtyield.common.lending.morpho;

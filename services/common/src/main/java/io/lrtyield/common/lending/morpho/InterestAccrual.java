package io.lrtyield.common.lending.morpho;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static io.lrtyield.common.lending.morpho.MorphoMath.WAD;

/**
 * Morpho Blue's interest accrual, exactly as {@code _accrueInterest} computes it, and the yields that follow. Interest
 * over {@code elapsed} seconds is {@code totalBorrowAssets × wTaylorCompounded(borrowRate, elapsed)}, added to both
 * totals; the fee's part of it is minted to the fee recipient as supply shares priced after the interest. Suppliers
 * thus earn the borrow rate times utilisation times (1 − fee).
 */
public final class InterestAccrual {

    /** Seconds in Morpho's year (365 days), as its documentation annualises. */
    public static final long YEAR_SECONDS = 365L * 24 * 3600;

    private InterestAccrual() {
    }

    /** The market after an accrual at {@code timestamp} with the IRM's {@code borrowRate} (0 if the market has no IRM). */
    public static MarketState accrue(MarketState m, BigInteger borrowRate, long timestamp) {
        long elapsed = timestamp - m.lastUpdate();
        if (elapsed < 0) {
            throw new ArithmeticException("accrual before the last update");
        }
        if (elapsed == 0) {
            return m;
        }
        BigInteger interest = MorphoMath.wMulDown(m.totalBorrowAssets(), MorphoMath.wTaylorCompounded(borrowRate, elapsed));
        BigInteger supplyAssets = m.totalSupplyAssets().add(interest);
        BigInteger supplyShares = m.totalSupplyShares();
        if (m.fee().signum() != 0) {
            BigInteger feeAmount = MorphoMath.wMulDown(interest, m.fee());
            supplyShares = supplyShares.add(MorphoMath.toSharesDown(feeAmount, supplyAssets.subtract(feeAmount), supplyShares));
        }
        return new MarketState(supplyAssets, supplyShares, m.totalBorrowAssets().add(interest), m.totalBorrowShares(), timestamp, m.fee());
    }

    /** A supplier's per-second rate in WAD: borrow rate × utilisation × (1 − fee), each product rounded down. */
    public static BigInteger supplyRate(BigInteger borrowRate, MarketState m) {
        return MorphoMath.wMulDown(MorphoMath.wMulDown(borrowRate, m.utilization()), WAD.subtract(m.fee()));
    }

    /** e^(rate × year) − 1: a per-second WAD rate compounded every second for a year. A display figure, not an amount. */
    public static double apy(BigInteger ratePerSecond) {
        double perYear = new BigDecimal(ratePerSecond.multiply(BigInteger.valueOf(YEAR_SECONDS)))
                .divide(new BigDecimal(WAD), MathContext.DECIMAL64).doubleValue();
        return Math.expm1(perYear);
    }

    public static double borrowApy(BigInteger borrowRate) {
        return apy(borrowRate);
    }

    /** The supply rate of {@link #supplyRate} compounded per second (utilisation held where it is now). */
    public static double supplyApy(BigInteger borrowRate, MarketState m) {
        return apy(supplyRate(borrowRate, m));
    }
}

package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Aave v3 Pool {@code getUserAccountData(address)} (reference §7). Base-currency amounts are raw integers in the
 * market's base currency (USD with 8 decimals on Ethereum Core: use {@link #inBase}); liquidation threshold and
 * LTV are basis points; the health factor is a WAD (below 1e18 = liquidatable; {@code type(uint256).max} without
 * debt).
 */
public record UserAccountData(BigInteger totalCollateralBase, BigInteger totalDebtBase, BigInteger availableBorrowsBase,
                              BigInteger currentLiquidationThreshold, BigInteger ltv, BigInteger healthFactor) {

    public static final int USD_BASE_DECIMALS = 8;

    public UserAccountData {
        Objects.requireNonNull(totalCollateralBase, "totalCollateralBase");
        Objects.requireNonNull(totalDebtBase, "totalDebtBase");
        Objects.requireNonNull(availableBorrowsBase, "availableBorrowsBase");
        Objects.requireNonNull(currentLiquidationThreshold, "currentLiquidationThreshold");
        Objects.requireNonNull(ltv, "ltv");
        Objects.requireNonNull(healthFactor, "healthFactor");
    }

    /** A base-currency amount as an exact decimal with the base currency's decimals. */
    public static BigDecimal inBase(BigInteger amount, int baseDecimals) {
        return new FixedPoint(amount, baseDecimals).toBigDecimal();
    }

    /** Health factor, exact, scale 18. */
    public BigDecimal healthFactorDecimal() {
        return FixedPoint.wad(healthFactor).toBigDecimal();
    }

    /** Liquidation threshold as a fraction, exact (bps / 10 000, scale 4). */
    public BigDecimal liquidationThresholdFraction() {
        return new BigDecimal(currentLiquidationThreshold, 4);
    }

    /** LTV as a fraction, exact (bps / 10 000, scale 4). */
    public BigDecimal ltvFraction() {
        return new BigDecimal(ltv, 4);
    }

    public boolean hasDebt() {
        return totalDebtBase.signum() > 0;
    }
}

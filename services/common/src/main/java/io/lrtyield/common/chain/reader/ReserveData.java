package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * Aave v3 Pool {@code getReserveData(address)}: the full {@code ReserveDataLegacy} struct, in order (reference §7).
 * Indexes and rates are rays (1e27); {@code currentLiquidityRate} is the supply APR and
 * {@code currentVariableBorrowRate} the variable borrow APR. Fields deprecated in later Aave versions
 * ({@code currentStableBorrowRate}, {@code stableDebtTokenAddress} v3.2; {@code interestRateStrategyAddress},
 * {@code unbacked} v3.4; {@code isolationModeTotalDebt} v3.7) are decoded as returned (typically zero).
 * Addresses are lower-case.
 */
public record ReserveData(
        BigInteger configuration,
        BigInteger liquidityIndex,
        BigInteger currentLiquidityRate,
        BigInteger variableBorrowIndex,
        BigInteger currentVariableBorrowRate,
        BigInteger currentStableBorrowRate,
        Instant lastUpdateTimestamp,
        int id,
        String aTokenAddress,
        String stableDebtTokenAddress,
        String variableDebtTokenAddress,
        String interestRateStrategyAddress,
        BigInteger accruedToTreasury,
        BigInteger unbacked,
        BigInteger isolationModeTotalDebt) {

    public ReserveData {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(liquidityIndex, "liquidityIndex");
        Objects.requireNonNull(currentLiquidityRate, "currentLiquidityRate");
        Objects.requireNonNull(variableBorrowIndex, "variableBorrowIndex");
        Objects.requireNonNull(currentVariableBorrowRate, "currentVariableBorrowRate");
        Objects.requireNonNull(currentStableBorrowRate, "currentStableBorrowRate");
        Objects.requireNonNull(lastUpdateTimestamp, "lastUpdateTimestamp");
        Objects.requireNonNull(aTokenAddress, "aTokenAddress");
        Objects.requireNonNull(stableDebtTokenAddress, "stableDebtTokenAddress");
        Objects.requireNonNull(variableDebtTokenAddress, "variableDebtTokenAddress");
        Objects.requireNonNull(interestRateStrategyAddress, "interestRateStrategyAddress");
        Objects.requireNonNull(accruedToTreasury, "accruedToTreasury");
        Objects.requireNonNull(unbacked, "unbacked");
        Objects.requireNonNull(isolationModeTotalDebt, "isolationModeTotalDebt");
    }

    /** Supply APR as a fraction, exact: {@code currentLiquidityRate / 1e27} (scale 27). */
    public BigDecimal supplyApr() {
        return FixedPoint.ray(currentLiquidityRate).toBigDecimal();
    }

    /** Variable borrow APR as a fraction, exact: {@code currentVariableBorrowRate / 1e27} (scale 27). */
    public BigDecimal variableBorrowApr() {
        return FixedPoint.ray(currentVariableBorrowRate).toBigDecimal();
    }
}

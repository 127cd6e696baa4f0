package io.lrtyield.rebalancer.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An Aave loop as the plan builder needs it: collateral and debt in token units, the price the lending oracle gives
 * one collateral token in debt-asset units, and the liquidation threshold. HF = C·p·LT / D.
 *
 * @param collateralWei  collateral token balance (aToken)
 * @param debtWei        variable debt balance (WETH)
 * @param oraclePrice    debt-asset units per collateral token, as the lending market prices it
 * @param lt             liquidation threshold, fraction
 */
public record LoopState(BigInteger collateralWei, BigInteger debtWei, BigDecimal oraclePrice, BigDecimal lt) {

    static final int SCALE = 18;

    /**
     * The oracle price implied by the on-chain account: p = HF·D / (C·LT), so that the builder's health factors match
     * {@code getUserAccountData} at the snapshot without reading the oracle.
     */
    public static LoopState fromAccount(BigInteger collateralWei, BigInteger debtWei, BigDecimal healthFactor, BigDecimal lt) {
        BigDecimal p = healthFactor.multiply(new BigDecimal(debtWei))
                .divide(new BigDecimal(collateralWei).multiply(lt), SCALE, RoundingMode.HALF_EVEN);
        return new LoopState(collateralWei, debtWei, p, lt);
    }

    /** Health factor, 6 decimals rounded down (conservative); null without debt. */
    public BigDecimal healthFactor() {
        return healthFactor(collateralWei, debtWei);
    }

    BigDecimal healthFactor(BigInteger collateral, BigInteger debt) {
        if (debt.signum() <= 0) {
            return null;
        }
        return new BigDecimal(collateral).multiply(oraclePrice).multiply(lt).divide(new BigDecimal(debt), 6, RoundingMode.DOWN);
    }

    /** Collateral value in debt units times LT: the debt at which HF = 1. */
    BigDecimal liquidationDebt(BigInteger collateral) {
        return new BigDecimal(collateral).multiply(oraclePrice).multiply(lt);
    }

    /** Largest debt with HF(collateral, debt) ≥ {@code minHf}, the health factor rounded down as {@link #healthFactor}. */
    BigInteger maxDebt(BigInteger collateral, BigDecimal minHf) {
        BigInteger d = liquidationDebt(collateral).divide(minHf, 0, RoundingMode.FLOOR).toBigInteger();
        while (d.signum() > 0 && healthFactor(collateral, d).compareTo(minHf) < 0) {
            d = d.subtract(d.shiftRight(20).max(BigInteger.ONE));
        }
        return d.max(BigInteger.ZERO);
    }
}

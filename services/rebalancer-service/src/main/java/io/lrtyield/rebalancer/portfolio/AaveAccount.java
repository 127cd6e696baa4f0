package io.lrtyield.rebalancer.portfolio;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The vault's Aave account at the snapshot block: {@code getUserAccountData} plus the per-reserve aToken and variable
 * debt balances (token units).
 *
 * @param collateralBase        total collateral in the market's base currency (raw)
 * @param debtBase              total debt in the base currency (raw)
 * @param liquidationThreshold  weighted liquidation threshold, fraction (eMode included)
 * @param healthFactor          WAD-exact health factor; null without debt
 * @param supplied              aToken balance per asset symbol
 * @param borrowed              variable-debt balance per asset symbol
 */
public record AaveAccount(BigInteger collateralBase, BigInteger debtBase, BigDecimal liquidationThreshold,
                          BigDecimal healthFactor, Map<String, BigInteger> supplied, Map<String, BigInteger> borrowed) {

    public AaveAccount {
        supplied = Map.copyOf(supplied);
        borrowed = Map.copyOf(borrowed);
    }

    public boolean hasDebt() {
        return debtBase.signum() > 0;
    }
}

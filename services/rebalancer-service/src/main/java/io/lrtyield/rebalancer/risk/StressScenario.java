package io.lrtyield.rebalancer.risk;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One stress case.
 *
 * @param name           shown in the stress table, e.g. "depeg weETH 10%"
 * @param shocks         fractional price drop per asset symbol; it also hits every asset built on it (wstETH on stETH)
 * @param borrowApr      borrow APR paid over the horizon on every debt, null for none
 * @param oracleToMarket collateral priced at the market price instead of the fundamental rate
 */
public record StressScenario(String name, Map<String, BigDecimal> shocks, BigDecimal borrowApr, boolean oracleToMarket) {

    public StressScenario {
        shocks = Map.copyOf(shocks);
    }
}

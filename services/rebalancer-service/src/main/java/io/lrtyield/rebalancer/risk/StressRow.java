package io.lrtyield.rebalancer.risk;

import java.math.BigDecimal;

/**
 * One position under one scenario.
 *
 * @param valueBefore  net ETH value at fundamental prices
 * @param valueAfter   net ETH value in the scenario
 * @param loss         valueBefore − valueAfter (negative = gain)
 * @param healthFactor Aave health factor in the scenario (loops only), null otherwise
 */
public record StressRow(String scenario, String venueId, BigDecimal valueBefore, BigDecimal valueAfter, BigDecimal loss,
                        BigDecimal healthFactor) {
}

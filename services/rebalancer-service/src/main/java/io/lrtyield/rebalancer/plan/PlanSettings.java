package io.lrtyield.rebalancer.plan;

import java.math.BigDecimal;

/**
 * @param maxSlippageBps        min-out = expected at the fundamental price less this
 * @param minHealthFactor       no step may leave a loop below this (after the withdraw and after the repay)
 * @param targetHealthFactor    a deleverage stops once the loop is at or above this
 * @param maxSteps              most unwind steps in one plan
 */
public record PlanSettings(int maxSlippageBps, BigDecimal minHealthFactor, BigDecimal targetHealthFactor, int maxSteps) {

    public PlanSettings {
        if (maxSlippageBps < 0 || maxSlippageBps >= 10_000) {
            throw new IllegalArgumentException("maxSlippageBps " + maxSlippageBps);
        }
        if (minHealthFactor.compareTo(BigDecimal.ONE) < 0 || targetHealthFactor.compareTo(minHealthFactor) < 0) {
            throw new IllegalArgumentException("need 1 ≤ minHealthFactor ≤ targetHealthFactor");
        }
    }
}

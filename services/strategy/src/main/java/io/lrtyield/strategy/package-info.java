/**
 * Strategy: the allocation model of the rebalancer, in plain Java with no framework, so it can be tested,
 * benchmarked and reused without a container. {@link io.lrtyield.strategy.optimizer.AllocationOptimizer} chooses the
 * target amount per venue: risk-adjusted yield over a holding horizon net of transition costs, under venue caps,
 * exit-liquidity caps, overlapping group caps and a liquidity reserve.
 */
package io.lrtyield.strategy;

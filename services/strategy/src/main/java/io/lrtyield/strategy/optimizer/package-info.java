/**
 * The allocation optimizer: problem records ({@link io.lrtyield.strategy.optimizer.AllocationProblem},
 * {@link io.lrtyield.strategy.optimizer.Venue}, {@link io.lrtyield.strategy.optimizer.GroupCap},
 * {@link io.lrtyield.strategy.optimizer.LiquidityReserve}), the exact dual solver of the convex part and the result
 * with per-venue contributions and shadow prices of the binding constraints.
 */
package io.lrtyield.strategy.optimizer;

/**
 * Plan building: a target allocation (or an emergency deleverage) → ordered vault actions mapped onto the execution
 * engine's {@link io.lrtyield.rebalancer.execution.PlannedAction}s — exits before entries, loops unwound and entered in
 * steps that keep the health factor ≥ the minimum after every step, wraps and exact approvals reset after use, every
 * expected amount and min-out from fundamental prices and a max slippage, never from the pool traded against — and
 * the plan lifecycle. Plain Java.
 */
package io.lrtyield.rebalancer.plan;

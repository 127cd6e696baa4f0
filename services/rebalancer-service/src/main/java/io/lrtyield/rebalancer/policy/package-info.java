/**
 * The decision policy, run on each new portfolio snapshot: circuit breaker on prices, emergency deleverage, the
 * allocation problem for the optimizer (quotes, size curves, risk, caps, group caps, reserve, transition costs) and
 * the hysteresis that proposes a plan only when the gain beats the costs by a margin after a cooldown. Plain Java.
 */
package io.lrtyield.rebalancer.policy;

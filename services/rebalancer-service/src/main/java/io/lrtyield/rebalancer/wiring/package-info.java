/**
 * Quarkus wiring of the strategy: typed config, the latest market state fed by the Kafka consumers, and the per-block
 * pipeline head → portfolio snapshot → decision → plan (Redis + rebalance-plans.v1).
 */
package io.lrtyield.rebalancer.wiring;

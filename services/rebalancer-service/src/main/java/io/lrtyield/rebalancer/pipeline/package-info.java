/**
 * The per-block loop of the rebalancer, named like the price and yield services' {@code pipeline} packages: the Kafka
 * consumers feeding the latest market state ({@link io.lrtyield.rebalancer.pipeline.MarketDataConsumer},
 * {@link io.lrtyield.rebalancer.pipeline.MarketCache}), the typed strategy settings, and each block's head → portfolio
 * snapshot → decision → plan ({@link io.lrtyield.rebalancer.pipeline.SnapshotPipeline}). Its Redis state is in
 * {@code store}, its chain reads in {@code portfolio} (as {@code snapshot} in the other two services).
 */
package io.lrtyield.rebalancer.pipeline;

/**
 * price-service: what each asset is worth, in ETH, at every block, and whether it can be trusted.
 * {@code snapshot} reads the chain (one Multicall3 per block), {@code aggregate} turns readings into ticks (pure
 * logic), {@code pipeline} wires heads → snapshot → tick → Kafka + Redis, {@code store} is Redis, {@code api} REST/gRPC.
 */
package io.lrtyield.price;

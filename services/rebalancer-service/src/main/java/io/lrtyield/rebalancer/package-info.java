/**
 * rebalancer-service: where the vault's ETH should be, whether moving is worth it, and (later) moving it safely.
 * {@code decision} is pure logic, {@code pipeline} consumes yields.v1, {@code store} is Redis, {@code api} REST/gRPC.
 */
package io.lrtyield.rebalancer;

/**
 * Who does what when several rebalancer instances run for one vault: a lease in Redis with a fencing token
 * ({@link io.lrtyield.rebalancer.lease.RedisLease}), held by the instance that decides ({@link
 * io.lrtyield.rebalancer.lease.DecisionLeader}) and, separately, by the one that executes (the execution journal's lease).
 */
package io.lrtyield.rebalancer.lease;

/**
 * The secured admin API, over REST and gRPC with one {@code AdminActions} behind both: bearer tokens (SmallRye JWT,
 * verified against the configured public key, roles from the {@code groups} claim), operator plan actions, the admin
 * kill switch and policy overrides, the audit trail of every admin action (Redis {@code audit:admin} and {@code ADMIN}
 * events on {@code executions.v1}), and the start-up refusal of the development key where tokens matter
 * ({@code IssuerKeyGuard}).
 */
package io.lrtyield.rebalancer.admin;

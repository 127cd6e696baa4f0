/**
 * The secured admin API: bearer tokens (SmallRye JWT, verified against the configured public key, roles from the
 * {@code groups} claim), operator plan actions, the admin kill switch and policy overrides, and the audit trail of
 * every admin action (Redis {@code audit:admin} and {@code ADMIN} events on {@code executions.v1}).
 */
package io.lrtyield.rebalancer.admin;

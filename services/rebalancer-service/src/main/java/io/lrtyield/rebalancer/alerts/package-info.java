/**
 * What the rebalancer says on {@code risk-alerts.v1}: the state changes of its incidents ({@link
 * io.lrtyield.rebalancer.risk.IncidentAlerts}), queued by any instance in a Redis outbox and published, once, by the
 * decision leader.
 */
package io.lrtyield.rebalancer.alerts;

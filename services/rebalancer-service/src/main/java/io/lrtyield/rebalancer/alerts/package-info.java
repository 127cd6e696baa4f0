/**
 * What the rebalancer says on {@code risk-alerts.v1}: the state changes of its incidents ({@link
 * io.lrtyield.rebalancer.risk.IncidentAlerts}), queued by any instance in a Redis outbox and published, once, by the
 * decision leader; and {@link io.lrtyield.rebalancer.alerts.IncidentSync}, which brings an admin's change made through
 * another instance into this one's open incidents.
 */
package io.lrtyield.rebalancer.alerts;

package io.lrtyield.common.event;

import java.math.BigDecimal;

/**
 * Something a curator must know now, on {@code risk-alerts.v1}, keyed by subject (asset, venue or vault).
 *
 * @param kind DEPEG, STALE_SOURCE, DEVIATING_SOURCE, RATE_GROWTH_CAP, RATE_DECREASE, EXIT_LIQUIDITY, LOW_HEALTH_FACTOR, VENUE_PAUSED, REORG,
 *             OPERATOR_SLASHED, WITHDRAWABLE_SHARES_DECREASE (restaking exposure), PROXY_UPGRADED (ERC-1967 Upgraded),
 *             ORACLE_CHANGED (from the price service); VENUE_CAPPED, INCIDENT_HELD, INCIDENT_ACKNOWLEDGED (from the rebalancer:
 *             what it did about an incident — see its {@code risk.IncidentAlerts}; they never open an incident themselves)
 * @param severity INFO, WARN or CRITICAL
 * @param value the measured value that triggered the alert (bps, health factor …)
 * @param threshold the threshold it crossed, same unit
 * @param active false when the condition has cleared (hysteresis)
 */
public record RiskAlert(
        int schemaVersion,
        String eventId,
        String subject,
        String kind,
        String severity,
        String message,
        BigDecimal value,
        BigDecimal threshold,
        boolean active,
        Provenance provenance) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public static String idFor(String subject, String kind, boolean active, Provenance p) {
        return EventIds.of("RiskAlert", p.chainId(), p.blockNumber(), p.blockHash(), subject, kind, active);
    }

    @Override
    public String key() {
        return subject;
    }
}

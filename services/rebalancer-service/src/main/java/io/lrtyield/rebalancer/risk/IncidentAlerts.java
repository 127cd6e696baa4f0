package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.event.EventIds;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The rebalancer's own alerts on {@code risk-alerts.v1}: one per state change of an {@link Incidents.Incident}, keyed by
 * the incident's subject (the asset), so a curator hears what the rebalancer did about the price service's alert.
 * <ul>
 *   <li>{@code VENUE_CAPPED} (CRITICAL, active): opened — every venue on the subject capped to 0, positions exited by the
 *       cheapest route; {@code value} 0 (the venues' cap as a fraction of the vault);</li>
 *   <li>{@code INCIDENT_HELD} (WARN, active): an admin keeps the positions — no forced exit, still no new entry
 *       ({@code value} 0);</li>
 *   <li>{@code INCIDENT_ACKNOWLEDGED} (INFO, not active): an admin closed it — the venues are back under their caps; it
 *       clears the two above ({@code value} null).</li>
 * </ul>
 * None of these kinds opens an incident ({@link Incidents#KINDS}), so the rebalancer reading them back re-triggers nothing.
 * The event id is a function of the vault, the incident (its opening alert's id) and the change: announcing one change
 * twice — a lease hand-over, a redelivered alert, two instances seeing the same alert — is one event to a consumer that
 * dedupes by id, and to the outbox that publishes them.
 */
public final class IncidentAlerts {

    public static final String VENUE_CAPPED = "VENUE_CAPPED";
    public static final String INCIDENT_HELD = "INCIDENT_HELD";
    public static final String INCIDENT_ACKNOWLEDGED = "INCIDENT_ACKNOWLEDGED";
    public static final Set<String> KINDS = Set.of(VENUE_CAPPED, INCIDENT_HELD, INCIDENT_ACKNOWLEDGED);

    /** A state change of an incident. */
    public enum Change {
        OPENED(VENUE_CAPPED, "CRITICAL", true),
        HELD(INCIDENT_HELD, "WARN", true),
        ACKNOWLEDGED(INCIDENT_ACKNOWLEDGED, "INFO", false);

        private final String kind;
        private final String severity;
        private final boolean active;

        Change(String kind, String severity, boolean active) {
            this.kind = kind;
            this.severity = severity;
            this.active = active;
        }

        public String kind() {
            return kind;
        }
    }

    private IncidentAlerts() {
    }

    /**
     * The alert that announces {@code change}.
     *
     * @param incident the incident after the change (ACKNOWLEDGED: as it was when it closed)
     * @param vault the vault whose venues are capped
     * @param venues the venues on the incident's subject (empty when the catalogue is not known yet)
     * @param by who held or acknowledged it (null for OPENED)
     * @param reason the admin's reason, if any
     * @param at the block the change is announced at: the opening alert's for OPENED, the latest head for an admin's change
     */
    public static RiskAlert of(Change change, Incidents.Incident incident, String vault, List<String> venues, String by, String reason,
                               Provenance at) {
        String on = venues.isEmpty() ? "the venues on " + incident.subject() : String.join(", ", venues);
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        String message = switch (change) {
            case OPENED -> "vault " + vault + ": " + on + " capped to 0 and exited by the cheapest route after " + incident.severity() + " "
                    + incident.kind() + " on " + incident.subject() + " at block " + incident.blockNumber()
                    + ", until an admin acknowledges it or holds the positions";
            case HELD -> "vault " + vault + ": positions on " + incident.subject() + " held by " + by + why + ": no forced exit, " + on
                    + " still capped to 0 for new entries until acknowledged";
            case ACKNOWLEDGED -> "vault " + vault + ": " + incident.kind() + " incident on " + incident.subject() + " acknowledged by " + by
                    + why + ": " + on + " back under " + (venues.size() == 1 ? "its cap" : "their caps");
        };
        BigDecimal cap = change == Change.ACKNOWLEDGED ? null : BigDecimal.ZERO;
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, idFor(vault, incident, change, at.chainId()), incident.subject(), change.kind,
                change.severity, message, cap, null, change.active, at);
    }

    /** One id per vault, incident and change. */
    public static String idFor(String vault, Incidents.Incident incident, Change change, long chainId) {
        return EventIds.of("RiskAlert", chainId, vault, incident.subject(), incident.eventId(), change.kind);
    }
}

package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Incidents that take a venue out of the allocation until an admin has looked: a slashed operator behind a token
 * ({@code OPERATOR_SLASHED}), its restaking accounts' withdrawable shares falling through a slash
 * ({@code WITHDRAWABLE_SHARES_DECREASE} CRITICAL), its fundamental rate falling ({@code RATE_DECREASE}, from
 * {@code minRateDecreaseBps}), a contract upgraded ({@code PROXY_UPGRADED}), paused ({@code VENUE_PAUSED}) or its
 * oracle changed ({@code ORACLE_CHANGED}). The subject (an asset) stays open — every venue holding it, or built on it,
 * capped to 0 and its position exited — until an admin acknowledges it; an admin may instead hold the position (no
 * forced exit, still no new entry). The first alert of an open incident is kept; later ones count.
 *
 * <p>Its state changes — opened, held, acknowledged (closed) — are what {@link IncidentAlerts} announces; the
 * rebalancer's own announcements ({@link IncidentAlerts#KINDS}) never open one, so reading them back from the shared
 * topic re-triggers nothing.
 */
public final class Incidents {

    public static final Set<String> KINDS = Set.of("OPERATOR_SLASHED", "WITHDRAWABLE_SHARES_DECREASE", "RATE_DECREASE", "PROXY_UPGRADED",
            "VENUE_PAUSED", "ORACLE_CHANGED");

    /**
     * @param hold true once an admin said to keep the position (no forced exit; still no new entry)
     * @param alerts how many qualifying alerts arrived while it was open
     * @param provenance the opening alert's block (null on an incident stored before it was kept)
     */
    public record Incident(String subject, String kind, String severity, String message, long blockNumber, String eventId,
                           boolean hold, String heldBy, int alerts, Provenance provenance) {

        Incident held(String by) {
            return new Incident(subject, kind, severity, message, blockNumber, eventId, true, by, alerts, provenance);
        }

        Incident again() {
            return new Incident(subject, kind, severity, message, blockNumber, eventId, hold, heldBy, alerts + 1, provenance);
        }
    }

    /** An admin's hold: the incident after it, and whether that changed its state (holding a held incident does not). */
    public record Held(Incident incident, boolean changed) {
    }

    private final BigDecimal minRateDecreaseBps;
    private final Map<String, Incident> open = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** @param minRateDecreaseBps a rate decrease smaller than this (rounding dust) opens nothing */
    public Incidents(BigDecimal minRateDecreaseBps) {
        this.minRateDecreaseBps = minRateDecreaseBps;
    }

    /** The incident this alert opened, if it opened one (a qualifying alert on an open subject only counts). */
    public synchronized Optional<Incident> onAlert(RiskAlert a) {
        if (!a.active() || !qualifies(a)) {
            return Optional.empty();
        }
        Incident current = open.get(a.subject());
        if (current != null) {
            open.put(a.subject(), current.again());
            return Optional.empty();
        }
        Incident opened = new Incident(a.subject(), a.kind(), a.severity(), a.message(), a.provenance().blockNumber(), a.eventId(), false,
                null, 1, a.provenance());
        open.put(a.subject(), opened);
        return Optional.of(opened);
    }

    private boolean qualifies(RiskAlert a) {
        return switch (a.kind()) {
            case "WITHDRAWABLE_SHARES_DECREASE" -> "CRITICAL".equals(a.severity());
            case "RATE_DECREASE" -> a.value() != null && a.value().compareTo(minRateDecreaseBps) >= 0;
            default -> KINDS.contains(a.kind());
        };
    }

    public synchronized Optional<Incident> of(String subject) {
        return Optional.ofNullable(open.get(subject));
    }

    /** The first open incident on any of these subjects (a venue's asset and what it is built on). */
    public synchronized Optional<Incident> anyOf(Collection<String> subjects) {
        return subjects.stream().map(open::get).filter(java.util.Objects::nonNull).findFirst();
    }

    public synchronized Map<String, Incident> open() {
        return Map.copyOf(open);
    }

    /** The admin keeps the position: no forced exit, still no new entry. A second hold changes nothing (its first holder stays). */
    public synchronized Held hold(String subject, String by) {
        Incident i = require(subject);
        if (i.hold()) {
            return new Held(i, false);
        }
        Incident held = i.held(by);
        open.put(i.subject(), held);
        return new Held(held, true);
    }

    /** The admin has looked: the subject's venues return to their caps. */
    public synchronized Incident acknowledge(String subject) {
        Incident i = require(subject);
        open.remove(i.subject());
        return i;
    }

    /**
     * Another instance's admin change reaches this one: the incident opened by {@code eventId} on {@code subject}, if it is
     * the one open here, is held ({@code closed} false) or closed. Whether anything changed.
     */
    public synchronized boolean changedElsewhere(String subject, String eventId, boolean closed, String heldBy) {
        Incident i = open.get(subject);
        if (i == null || !i.eventId().equals(eventId)) {
            return false;
        }
        if (closed) {
            open.remove(i.subject());
            return true;
        }
        if (i.hold()) {
            return false;
        }
        open.put(i.subject(), i.held(heldBy));
        return true;
    }

    /** Incidents kept across a restart. */
    public synchronized void restore(Collection<Incident> incidents) {
        incidents.forEach(i -> open.putIfAbsent(i.subject(), i));
    }

    private Incident require(String subject) {
        Incident i = open.get(subject);
        if (i == null) {
            throw new NoSuchElementException("no open incident on " + subject);
        }
        return i;
    }
}

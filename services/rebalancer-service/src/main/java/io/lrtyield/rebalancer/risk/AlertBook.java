package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.event.RiskAlert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Alerts from risk-alerts.v1 as the risk model needs them: which subjects have an active CRITICAL depeg now, how
 * many depeg alerts each subject raised within the history window (block time), and the open {@link Incidents}
 * (slashing, rate decrease, upgrade, pause) that cap venues to 0 until acknowledged. Idempotent on eventId.
 */
public final class AlertBook {

    private final long windowSeconds;
    private final Map<String, Deque<Long>> depegTimes = new HashMap<>();
    private final Set<String> criticalDepeg = new HashSet<>();
    private final Set<String> seen = new HashSet<>();

    private final Incidents incidents;

    public AlertBook(long windowSeconds) {
        this(windowSeconds, new Incidents(java.math.BigDecimal.ONE));
    }

    public AlertBook(long windowSeconds, Incidents incidents) {
        this.windowSeconds = windowSeconds;
        this.incidents = incidents;
    }

    public Incidents incidents() {
        return incidents;
    }

    /** The incident this alert opened, if any. */
    public synchronized java.util.Optional<Incidents.Incident> onAlert(RiskAlert alert) {
        if (!seen.add(alert.eventId())) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Incidents.Incident> opened = incidents.onAlert(alert);
        if (!"DEPEG".equals(alert.kind())) {
            return opened;
        }
        String subject = alert.subject();
        if (alert.active()) {
            depegTimes.computeIfAbsent(subject, k -> new ArrayDeque<>()).addLast(alert.provenance().blockTimestamp());
            if ("CRITICAL".equals(alert.severity())) {
                criticalDepeg.add(subject);
            }
        } else {
            criticalDepeg.remove(subject);
        }
        if (seen.size() > 100_000) {
            seen.clear();
        }
        return opened;
    }

    public synchronized boolean criticalDepeg(String asset) {
        return criticalDepeg.stream().anyMatch(s -> s.equalsIgnoreCase(asset));
    }

    /** Depeg alerts raised on {@code asset} in the window that ends at {@code nowSeconds}. */
    public synchronized int depegCount(String asset, long nowSeconds) {
        int n = 0;
        for (Map.Entry<String, Deque<Long>> e : depegTimes.entrySet()) {
            if (!e.getKey().equalsIgnoreCase(asset)) {
                continue;
            }
            Deque<Long> times = e.getValue();
            while (!times.isEmpty() && times.peekFirst() < nowSeconds - windowSeconds) {
                times.removeFirst();
            }
            n += times.size();
        }
        return n;
    }
}

package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.event.RiskAlert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Alerts from risk-alerts.v1 as the risk model needs them: which subjects have an active CRITICAL depeg now, and how
 * many depeg alerts each subject raised within the history window (block time). Idempotent on eventId.
 */
public final class AlertBook {

    private final long windowSeconds;
    private final Map<String, Deque<Long>> depegTimes = new HashMap<>();
    private final Set<String> criticalDepeg = new HashSet<>();
    private final Set<String> seen = new HashSet<>();

    public AlertBook(long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    public synchronized void onAlert(RiskAlert alert) {
        if (!seen.add(alert.eventId()) || !"DEPEG".equals(alert.kind())) {
            return;
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

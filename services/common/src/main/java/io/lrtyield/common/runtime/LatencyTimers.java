package io.lrtyield.common.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipeline latency timers with fixed histogram buckets — 1 ms wide up to {@code fineUpToMs}, coarser above up to 5 s —
 * so that a benchmark reads p50/p99 to the millisecond off {@code /q/metrics} ({@code <name>_seconds_bucket}) and
 * compares runs and services on the same scale.
 */
public final class LatencyTimers {

    private static final int[] COARSE_MS = {300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000};

    private LatencyTimers() {
    }

    public static Timer register(MeterRegistry meters, String name, String description, int fineUpToMs) {
        return register(meters, name, description, fineUpToMs, Tags.empty());
    }

    /** The same timer with tags, e.g. one per stage of a pipeline. */
    public static Timer register(MeterRegistry meters, String name, String description, int fineUpToMs,
                                 Tags tags) {
        List<Duration> slos = new ArrayList<>();
        for (int ms = 1; ms <= fineUpToMs; ms++) {
            slos.add(Duration.ofMillis(ms));
        }
        for (int ms : COARSE_MS) {
            if (ms > fineUpToMs) {
                slos.add(Duration.ofMillis(ms));
            }
        }
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(slos.toArray(Duration[]::new))
                .register(meters);
    }
}

package io.lrtyield.common.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    /** One timer per stage of a pipeline ({@code <name>{stage=...}}), to see where its latency goes. */
    public static Stages stages(MeterRegistry meters, String name, String description, int fineUpToMs, String... stages) {
        Map<String, Timer> timers = new HashMap<>();
        for (String stage : stages) {
            timers.put(stage, register(meters, name, description, fineUpToMs, Tags.of("stage", stage)));
        }
        return new Stages(timers);
    }

    /** The stage timers of one pipeline. */
    public static final class Stages {

        private final Map<String, Timer> timers;

        private Stages(Map<String, Timer> timers) {
            this.timers = Map.copyOf(timers);
        }

        /** Records the time since {@code startNanos} ({@link System#nanoTime()}) for {@code stage}. */
        public void record(String stage, long startNanos) {
            timers.get(stage).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }

        /** {@code work}, its stage timed from subscription to a successful item. */
        public <T> Uni<T> timed(String stage, Uni<T> work) {
            return Uni.createFrom().deferred(() -> {
                long start = System.nanoTime();
                return work.invoke(() -> record(stage, start));
            });
        }
    }
}

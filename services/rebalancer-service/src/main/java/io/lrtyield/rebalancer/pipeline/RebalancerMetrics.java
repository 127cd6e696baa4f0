package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rebalancer's alerting gauges (deploy/k8s/base/monitoring: PrometheusRule and dashboard use these names):
 * {@code rebalancer_loop_health_factor{venue}} per loop with debt and {@code rebalancer_loop_health_factor_trigger}
 * (the emergency-deleverage trigger), {@code rebalancer_plan_executing_seconds} (how long the open plan has been
 * EXECUTING on this instance, 0 when none), {@code rebalancer_executor_active} (1 while this instance holds the vault's
 * executor lease), {@code rebalancer_executor_lease_lost_total} and {@code rebalancer_decider_active} (1 while this
 * instance holds the vault's decision lease).
 */
@ApplicationScoped
public class RebalancerMetrics {

    private final MeterRegistry meters;
    private final Map<String, Double> healthFactors = new ConcurrentHashMap<>();
    private final AtomicLong executingSinceMillis = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final Counter leaseLost;
    private final AtomicLong deciding = new AtomicLong();
    private volatile String executingPlan;

    RebalancerMetrics(MeterRegistry meters, StrategyConfig strategy) {
        this.meters = meters;
        double trigger = strategy.hfTrigger().doubleValue();
        Gauge.builder("rebalancer.loop.health.factor.trigger", () -> trigger).strongReference(true)
                .description("Health factor below which a loop is deleveraged (rebalancer.strategy.hf-trigger)").register(meters);
        meters.gauge("rebalancer.plan.executing.seconds", executingSinceMillis,
                since -> since.get() == 0 ? 0 : (System.currentTimeMillis() - since.get()) / 1000.0);
        meters.gauge("rebalancer.executor.active", active);
        meters.gauge("rebalancer.decider.active", deciding);
        this.leaseLost = Counter.builder("rebalancer.executor.lease.lost")
                .description("Times this instance lost the vault's executor lease while active").register(meters);
    }

    /** Each loop's health factor at the latest snapshot; a loop without debt (or gone) reads NaN. */
    public void portfolio(Portfolio portfolio) {
        healthFactors.replaceAll((venue, hf) -> Double.NaN);
        for (VenuePosition p : portfolio.positions()) {
            if (p.healthFactor() == null) {
                continue;
            }
            if (healthFactors.put(p.venueId(), p.healthFactor().doubleValue()) == null) {
                meters.gauge("rebalancer.loop.health.factor", Tags.of("venue", p.venueId()), healthFactors,
                        m -> m.getOrDefault(p.venueId(), Double.NaN));
            }
        }
    }

    /** The plan this instance is executing now, or null: the clock restarts with each new plan id. */
    /** Blocks the decision pipeline will never decide (out of its catch-up window or unservable by the node). */
    public void decisionGap(long blocks) {
        io.micrometer.core.instrument.Counter.builder("rebalancer.decision.gap.blocks")
                .description("Blocks left without a decision after a stall").register(meters).increment(blocks);
    }

    public void executing(String planId) {
        if (planId == null) {
            executingPlan = null;
            executingSinceMillis.set(0);
        } else if (!planId.equals(executingPlan)) {
            executingPlan = planId;
            executingSinceMillis.set(System.currentTimeMillis());
        }
    }

    /** The outcome of a lease tick: a fall from active to standby counts as a lease lost. */
    public void executorActive(boolean nowActive) {
        long before = active.getAndSet(nowActive ? 1 : 0);
        if (before == 1 && !nowActive) {
            leaseLost.increment();
        }
    }

    /** Whether this instance holds the vault's decision lease. */
    public void deciderActive(boolean nowActive) {
        deciding.set(nowActive ? 1 : 0);
    }
}

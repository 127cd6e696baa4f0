package io.lrtyield.rebalancer.dispatch;

import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.admin.KillSwitch;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.journal.ActiveExecutor;
import io.lrtyield.rebalancer.execution.runtime.ExecutionRuntime;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.store.PlanStore;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.rebalancer.store.PlanEvents;
import io.lrtyield.rebalancer.pipeline.RebalancerMetrics;
import io.lrtyield.rebalancer.pipeline.StrategyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves the vault's open plan through execution. Every {@link #PERIOD} (and at once when a plan is approved, through
 * {@link #kick()}), on the instance whose executor holds the vault's lease and unless an admin paused the vault:
 * <ul>
 *   <li>a PROPOSED or APPROVED plan older than the expiry goes EXPIRED, never EXECUTING;</li>
 *   <li>an APPROVED plan goes EXECUTING (stored and published on rebalance-plans.v1) and is handed to the executor;</li>
 *   <li>an EXECUTING plan — this or an earlier process died while running it, or a transaction was still pending —
 *       is handed to the executor again; the journal makes that idempotent (in-flight bytes re-broadcast, nothing
 *       journaled signed again, a closed plan only reported);</li>
 *   <li>the report moves the plan DONE or FAILED (REFUSED before signing is FAILED, with the reason); PENDING keeps it
 *       EXECUTING for the next round.</li>
 * </ul>
 * One round at a time; plans are dispatched in order because the vault has at most one open plan.
 */
@ApplicationScoped
public class PlanDispatcher {

    static final Duration PERIOD = Duration.ofMillis(500);
    private static final Duration REDIS = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(PlanDispatcher.class);

    private final RebalancerConfig config;
    private final PlanStore plans;
    private final ExecutionRuntime runtime;
    private final KillSwitch killSwitch;
    private final PlanEvents events;
    private final ChainHeads heads;
    private final long expiryBlocks;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final RebalancerMetrics metrics;
    private final AtomicBoolean busy = new AtomicBoolean();

    PlanDispatcher(RebalancerConfig config, PlanStore plans, ExecutionRuntime runtime, KillSwitch killSwitch, PlanEvents events, ChainHeads heads,
                   StrategyConfig strategy, Vertx vertx, MeterRegistry meters, RebalancerMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.plans = plans;
        this.runtime = runtime;
        this.killSwitch = killSwitch;
        this.events = events;
        this.heads = heads;
        this.expiryBlocks = strategy.planExpiryBlocks();
        this.vertx = vertx;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        if (runtime.enabled()) {
            vertx.setPeriodic(PERIOD.toMillis(), id -> kick());
        }
    }

    /** Runs a round on a worker thread unless one is running. */
    public void kick() {
        if (runtime.enabled() && busy.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    round();
                } catch (RuntimeException e) {
                    LOG.warnf("plan dispatch failed: %s", e.getMessage());
                } finally {
                    busy.set(false);
                }
            });
        }
    }

    /** One round; blocking. Returns the plan it dispatched and its new status, if any. */
    Optional<String> round() {
        if (!runtime.executor().map(ActiveExecutor::active).orElse(false) || killSwitch.isPaused()) {
            return Optional.empty();
        }
        String vault = config.vault();
        Optional<String> open = plans.openPlan(vault).await().atMost(REDIS);
        if (open.isEmpty()) {
            metrics.executing(null);
            return Optional.empty();
        }
        StoredPlan stored = plans.get(vault, open.get()).await().atMost(REDIS).orElse(null);
        if (stored == null) {
            return Optional.empty();
        }
        RebalancePlan plan = stored.plan();
        long head = heads.last() == null ? Long.MIN_VALUE : heads.last().number();
        if (PlanLifecycle.expired(plan, head, expiryBlocks)) {
            move(plan, PlanLifecycle.EXPIRED, "not started within " + expiryBlocks + " blocks (proposed at "
                    + plan.provenance().blockNumber() + ", head " + head + "): its min-outs are too old");
            return Optional.of(plan.planId() + " " + PlanLifecycle.EXPIRED);
        }
        if (PlanLifecycle.APPROVED.equals(plan.status())) {
            plan = move(plan, PlanLifecycle.EXECUTING, "executing on " + runtime.instance());
        } else if (!PlanLifecycle.EXECUTING.equals(plan.status())) {
            metrics.executing(null);
            return Optional.empty(); // PROPOSED: waiting for an operator
        }
        metrics.executing(plan.planId());
        ExecutionReport report;
        try {
            report = runtime.execute(PlanLifecycle.toExecution(plan));
        } catch (Exception e) {
            // the lease was lost, the node or Redis failed: the plan stays EXECUTING and the next round resumes it
            LOG.warnf("plan %s not run this round: %s", plan.planId(), e.getMessage());
            return Optional.of(plan.planId() + " " + plan.status());
        }
        meters.counter("rebalancer.plans.executed", "status", report.status()).increment();
        if (ExecutionReport.PENDING.equals(report.status())) {
            return Optional.of(plan.planId() + " " + plan.status());
        }
        String to = report.done() ? PlanLifecycle.DONE : PlanLifecycle.FAILED;
        String why = report.done()
                ? "executed: " + report.outcomes().size() + " transactions confirmed"
                : report.status().toLowerCase() + ": " + report.error();
        move(plan, to, why);
        metrics.executing(null);
        LOG.infof("plan %s %s (%s)", plan.planId(), to, why);
        return Optional.of(plan.planId() + " " + to);
    }

    private RebalancePlan move(RebalancePlan plan, String to, String why) {
        StoredPlan moved = plans.transition(config.vault(), plan.planId(), to, why).await().atMost(REDIS);
        events.publish(moved.plan()).await().atMost(REDIS);
        return moved.plan();
    }
}

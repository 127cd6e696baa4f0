package io.lrtyield.rebalancer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gauges the PrometheusRule alerts on (deploy/k8s/base/monitoring) say what they claim. */
class RebalancerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RebalancerMetrics metrics = new RebalancerMetrics(registry,
            new SmallRyeConfigBuilder().withMapping(StrategyConfig.class).build().getConfigMapping(StrategyConfig.class));

    @Test
    void aLoopsHealthFactorAndTheTriggerAreExported() {
        metrics.portfolio(portfolio(new BigDecimal("1.045")));
        assertEquals(1.045, registry.get("rebalancer.loop.health.factor").tag("venue", "aave-wsteth-loop").gauge().value(), 1e-12);
        assertEquals(1.03, registry.get("rebalancer.loop.health.factor.trigger").gauge().value(), 1e-12);
        metrics.portfolio(portfolio(null)); // the loop was unwound: no debt, no health factor
        assertTrue(Double.isNaN(registry.get("rebalancer.loop.health.factor").tag("venue", "aave-wsteth-loop").gauge().value()));
    }

    @Test
    void theExecutingClockRestartsPerPlanAndStopsWhenNoneRuns() throws Exception {
        var gauge = registry.get("rebalancer.plan.executing.seconds").gauge();
        assertEquals(0, gauge.value());
        metrics.executing("plan-a");
        Thread.sleep(30);
        assertTrue(gauge.value() > 0.02, "executing for " + gauge.value() + " s");
        metrics.executing("plan-a");
        assertTrue(gauge.value() > 0.02, "the same plan keeps its clock");
        metrics.executing("plan-b");
        assertTrue(gauge.value() < 0.02, "a new plan starts at 0");
        metrics.executing(null);
        assertEquals(0, gauge.value());
    }

    @Test
    void onlyAFallFromActiveToStandbyCountsAsALostLease() {
        var lost = registry.get("rebalancer.executor.lease.lost").counter();
        var active = registry.get("rebalancer.executor.active").gauge();
        metrics.executorActive(false);
        assertEquals(0, lost.count(), "a standby that never held the lease lost nothing");
        metrics.executorActive(true);
        metrics.executorActive(true);
        assertEquals(1, active.value());
        metrics.executorActive(false);
        assertEquals(1, lost.count());
        assertEquals(0, active.value());
    }

    private static Portfolio portfolio(BigDecimal healthFactor) {
        VenuePosition loop = new VenuePosition("aave-wsteth-loop", List.of(), BigDecimal.TEN, BigDecimal.TEN, healthFactor, List.of());
        return new Portfolio("0xvault", 1, 1, List.of(loop), null, BigDecimal.TEN, BigDecimal.TEN, List.of());
    }
}

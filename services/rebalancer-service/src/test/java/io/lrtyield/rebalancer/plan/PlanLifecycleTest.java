package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanLifecycleTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);

    BuiltPlan built() {
        return new LoopUnwinder(LoopUnwinderTest.ADDRESSES, LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS).unwind("aave-wsteth-loop",
                LoopUnwinderTest.depegged(), E18, BigInteger.ZERO, LoopUnwinderTest.RATE, false);
    }

    @Test
    void proposedPlansMoveOnlyAlongTheLifecycleAndEachChangeHasItsOwnEventId() {
        RebalancePlan p = PlanLifecycle.propose("vault", "p1", List.of(), built().actions(), BigDecimal.ONE, BigDecimal.ZERO, "why",
                new Provenance(1, 2, "0x", 3));
        assertEquals(PlanLifecycle.PROPOSED, p.status());
        RebalancePlan approved = PlanLifecycle.transition(p, PlanLifecycle.APPROVED, "auto");
        assertNotEquals(p.eventId(), approved.eventId());
        RebalancePlan executing = PlanLifecycle.transition(approved, PlanLifecycle.EXECUTING, null);
        assertEquals(PlanLifecycle.DONE, PlanLifecycle.transition(executing, PlanLifecycle.DONE, null).status());
        assertThrows(IllegalStateException.class, () -> PlanLifecycle.transition(p, PlanLifecycle.EXECUTING, null));
        assertThrows(IllegalStateException.class, () -> PlanLifecycle.transition(executing, PlanLifecycle.REJECTED, null));
        assertFalse(PlanLifecycle.allowed(PlanLifecycle.DONE, PlanLifecycle.FAILED));
        assertTrue(PlanLifecycle.allowed(PlanLifecycle.APPROVED, PlanLifecycle.REJECTED));
    }

    @Test
    void aStoredPlanRoundTripsToTheExactExecutionPlan() {
        BuiltPlan b = built();
        RebalancePlan p = PlanLifecycle.propose("vault", "p1", List.of(), b.actions(), BigDecimal.ONE, BigDecimal.ZERO, "why",
                new Provenance(1, 2, "0x", 3));
        StoredPlan stored = new StoredPlan(p, b.steps(), b.skipped(), List.of("PROPOSED"));
        StoredPlan back = EventCodec.fromJson(EventCodec.toJson(stored), StoredPlan.class);
        ExecutionPlan exec = PlanLifecycle.toExecution(back.plan());
        assertEquals(b.actions(), exec.actions());
        assertEquals(b.steps(), back.steps());
    }

    /** The API shows a plan's headline fields at the top level; reading the stored JSON back ignores them. */
    @org.junit.jupiter.api.Test
    void aStoredPlanRoundTripsWithItsHeadlineFieldsAtTheTop() throws Exception {
        var p = new io.lrtyield.common.event.Provenance(31337, 7, "0x7", 70);
        var plan = PlanLifecycle.propose("0xvault", "id1", java.util.List.of(new io.lrtyield.common.event.RebalancePlan.Allocation("lido-wsteth",
                java.math.BigDecimal.TEN, java.math.BigDecimal.ONE)), java.util.List.of(), java.math.BigDecimal.ONE, java.math.BigDecimal.ZERO, "why", p);
        StoredPlan stored = new StoredPlan(plan, java.util.List.of(), java.util.List.of(), java.util.List.of("PROPOSED"));
        String json = io.lrtyield.common.codec.EventCodec.toJson(stored);
        var tree = io.lrtyield.common.codec.EventCodec.mapper().readTree(json);
        org.junit.jupiter.api.Assertions.assertEquals("PROPOSED", tree.get("status").asText());
        org.junit.jupiter.api.Assertions.assertEquals(7, tree.get("provenance").get("blockNumber").asLong());
        org.junit.jupiter.api.Assertions.assertEquals("lido-wsteth", tree.get("target").get(0).get("venueId").asText());
        org.junit.jupiter.api.Assertions.assertEquals(stored, io.lrtyield.common.codec.EventCodec.fromJson(json, StoredPlan.class));
    }

    /** A plan not started within the expiry is EXPIRED: from PROPOSED or APPROVED only, never once it runs. */
    @org.junit.jupiter.api.Test
    void aPlanNotStartedWithinTheExpiryExpires() {
        var p = new io.lrtyield.common.event.Provenance(31337, 100, "0x7", 1000);
        var proposed = PlanLifecycle.propose("0xvault", "id2", java.util.List.of(), java.util.List.of(), java.math.BigDecimal.ONE,
                java.math.BigDecimal.ZERO, "why", p);
        org.junit.jupiter.api.Assertions.assertFalse(PlanLifecycle.expired(proposed, 120, 20), "20 blocks old: still fresh");
        org.junit.jupiter.api.Assertions.assertTrue(PlanLifecycle.expired(proposed, 121, 20), "21 blocks old: its min-outs are too old");
        var approved = PlanLifecycle.transition(proposed, PlanLifecycle.APPROVED, "ok");
        org.junit.jupiter.api.Assertions.assertTrue(PlanLifecycle.expired(approved, 121, 20));
        var executing = PlanLifecycle.transition(approved, PlanLifecycle.EXECUTING, "go");
        org.junit.jupiter.api.Assertions.assertFalse(PlanLifecycle.expired(executing, 10_000, 20), "a running plan is finished, not expired");
        org.junit.jupiter.api.Assertions.assertTrue(PlanLifecycle.allowed(PlanLifecycle.PROPOSED, PlanLifecycle.EXPIRED));
        org.junit.jupiter.api.Assertions.assertFalse(PlanLifecycle.allowed(PlanLifecycle.EXPIRED, PlanLifecycle.EXECUTING), "an expired plan never runs");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PlanLifecycle.transition(PlanLifecycle.transition(proposed, PlanLifecycle.EXPIRED, "old"), PlanLifecycle.APPROVED, "late"));
    }
}

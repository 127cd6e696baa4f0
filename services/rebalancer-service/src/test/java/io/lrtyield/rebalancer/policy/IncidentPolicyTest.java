package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.risk.Incidents;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.lrtyield.rebalancer.policy.DecisionPolicyTest.E18;
import static io.lrtyield.rebalancer.policy.DecisionPolicyTest.P;
import static io.lrtyield.rebalancer.policy.DecisionPolicyTest.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slashing behind weETH: the venue is capped to 0 and the position exited at once (no margin, no cooldown) even on a
 * quote the slash flagged; an admin's hold keeps it (no exit, no entry); an acknowledgement lifts the cap.
 */
class IncidentPolicyTest {

    final DecisionPolicyTest base = new DecisionPolicyTest();
    final AlertBook alerts = new AlertBook(30 * 86_400, new Incidents(BigDecimal.ONE));

    /** 600 ETH idle, 400 in weETH (≈ 380.95 weETH at 1.05). */
    static Portfolio withWeEth() {
        BigDecimal idle = BigDecimal.valueOf(600);
        BigDecimal weEth = BigDecimal.valueOf(400);
        BigInteger weEthWei = new BigDecimal("380.952380952380952380").movePointRight(18).toBigInteger();
        return new Portfolio(addr(99), P.blockNumber(), P.blockTimestamp(), List.of(
                new VenuePosition("idle-eth", List.of(new Holding("native ETH", "ETH", E18.multiply(BigInteger.valueOf(600)), false)),
                        idle, idle, null, List.of()),
                new VenuePosition("etherfi-weeth", List.of(new Holding("weETH", "weETH", weEthWei, false)), weEth, weEth, null, List.of())),
                null, idle.add(weEth), idle.add(weEth), List.of());
    }

    static RiskAlert slashed(String id) {
        return new RiskAlert(1, id, "weETH", "OPERATOR_SLASHED", "CRITICAL", "operator-b behind weETH was slashed", new BigDecimal("200"),
                BigDecimal.ZERO, true, P);
    }

    /** The slashed venue's quote: still the best yield on paper, and flagged clamped (its rate fell within the window). */
    Map<String, YieldQuote> quotes() {
        Map<String, YieldQuote> q = new HashMap<>(base.quotes("0.030", "0.029", "0.06"));
        YieldQuote w = q.get("etherfi-weeth");
        q.put("etherfi-weeth", new YieldQuote(w.schemaVersion(), w.eventId(), w.venueId(), w.venueKind(), w.asset(), w.netApy(), w.basis(),
                w.components(), w.windows(), w.sizeCurve(), w.samples(), List.of("clamped: 1d APR -3.2 outside ±1"), w.provenance()));
        return q;
    }

    PolicyOutcome decide() {
        // the last plan 10 s ago: the cooldown would hold any yield decision
        return base.policy.decide(new MarketState(withWeEth(), quotes(), base.prices(), alerts, P.blockTimestamp() - 10));
    }

    double amount(PolicyOutcome o, String venue) {
        return o.result().allocations().stream().filter(va -> va.venue().equals(venue)).mapToDouble(VenueAllocation::amount).sum();
    }

    @Test
    void aSlashedOperatorCapsTheVenueToZeroAndExitsItDespiteTheCooldownUntilAcknowledged() {
        assertTrue(alerts.onAlert(slashed("s1")).isPresent(), "the first alert opens the incident");
        assertTrue(alerts.onAlert(slashed("s2")).isEmpty(), "a second one only counts");
        PolicyOutcome o = decide();
        assertEquals(PolicyOutcome.REBALANCE, o.action(), o.reason());
        assertTrue(o.reason().startsWith("de-risk: exit etherfi-weeth (OPERATOR_SLASHED on weETH)"), o.reason());
        assertEquals(0, amount(o, "etherfi-weeth"), 1e-9);
        assertEquals(0, o.problem().venues().stream().filter(v -> v.id().equals("etherfi-weeth")).findFirst().orElseThrow().cap(), 0);
        assertTrue(o.notes().stream().anyMatch(n -> n.startsWith("etherfi-weeth: capped to 0 after CRITICAL OPERATOR_SLASHED on weETH")),
                o.notes().toString());

        alerts.incidents().hold("weETH", "alice");
        PolicyOutcome held = decide();
        assertEquals(PolicyOutcome.HOLD, held.action(), "held: no forced exit, and the flagged quote is not traded on: " + held.reason());
        assertEquals("quote flagged [clamped: 1d APR -3.2 outside ±1]", held.excluded().get("etherfi-weeth"));

        alerts.incidents().acknowledge("weETH");
        assertTrue(alerts.incidents().open().isEmpty());
        PolicyOutcome after = decide();
        assertEquals(PolicyOutcome.HOLD, after.action(), "back to the yield rules: the flagged quote keeps it out, the cooldown holds");
    }

    @Test
    void smallRateDecreasesAreDustAndTheOtherKindsOpenIncidents() {
        Incidents incidents = new Incidents(BigDecimal.ONE);
        assertTrue(incidents.onAlert(alert("RATE_DECREASE", "WARN", "0.4")).isEmpty(), "0.4 bps is rounding");
        assertTrue(incidents.onAlert(alert("WITHDRAWABLE_SHARES_DECREASE", "WARN", "5")).isEmpty(), "a withdrawal, not a slash");
        assertTrue(incidents.onAlert(alert("DEPEG", "CRITICAL", "300")).isEmpty(), "a depeg has rules of its own");
        assertEquals("RATE_DECREASE", incidents.onAlert(alert("RATE_DECREASE", "WARN", "150")).orElseThrow().kind());
        Incidents other = new Incidents(BigDecimal.ONE);
        assertEquals("PROXY_UPGRADED", other.onAlert(alert("PROXY_UPGRADED", "CRITICAL", null)).orElseThrow().kind());
    }

    static RiskAlert alert(String kind, String severity, String value) {
        return new RiskAlert(1, kind + value, "weETH", kind, severity, kind, value == null ? null : new BigDecimal(value), BigDecimal.ZERO,
                true, P);
    }
}

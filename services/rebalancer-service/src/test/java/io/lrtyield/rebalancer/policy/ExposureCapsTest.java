package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.strategy.optimizer.BindingConstraint;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator and AVS concentration caps from the quotes' on-chain exposure, binding in the optimizer with shadow prices. */
class ExposureCapsTest {

    final DecisionPolicyTest base = new DecisionPolicyTest();

    Map<String, YieldQuote> quotes(Map<String, String> weEthRisk) {
        Map<String, YieldQuote> q = new HashMap<>(base.quotes("0.030", "0.029", "0.06"));
        YieldQuote w = q.get("etherfi-weeth");
        q.put("etherfi-weeth", new YieldQuote(w.schemaVersion(), w.eventId(), w.venueId(), w.venueKind(), w.asset(), w.netApy(), w.basis(),
                w.components(), w.windows(), w.sizeCurve(), w.samples(), w.flags(), w.provenance(), weEthRisk));
        return q;
    }

    double weEth(PolicyOutcome o) {
        return o.result().allocations().stream().filter(a -> a.venue().equals("etherfi-weeth")).mapToDouble(VenueAllocation::amount).sum();
    }

    @Test
    void theAvsCapBindsBeforeTheVenueCapAndShowsItsShadowPrice() {
        // weETH pays best: without exposure it fills its venue cap, 30 % of 1,000
        PolicyOutcome plain = base.policy.decide(new MarketState(DecisionPolicyTest.idle(1000), quotes(Map.of()), base.prices(), base.alerts,
                Long.MIN_VALUE));
        assertEquals(300, weEth(plain), 1e-6, plain.reason());
        // 90 % of its value with operator-b (cap 25 % → ≤ 277.8 ETH of weETH), 80 % slashable by bridge-avs/2 (cap 20 % → ≤ 250)
        PolicyOutcome capped = base.policy.decide(new MarketState(DecisionPolicyTest.idle(1000), quotes(Map.of(
                "exposure.operator.operator-b", "0.9", "exposure.avs.bridge-avs/2", "0.8")), base.prices(), base.alerts, Long.MIN_VALUE));
        assertEquals(250, weEth(capped), 1e-6, capped.reason());
        BindingConstraint avs = capped.result().binding().stream().filter(b -> b.name().equals("avs:bridge-avs/2")).findFirst().orElseThrow(
                () -> new AssertionError(capped.result().binding().toString()));
        assertEquals(BindingConstraint.Kind.GROUP_CAP, avs.kind());
        assertEquals(200, avs.value(), 1e-6);
        assertTrue(avs.shadowPrice() > 0, "one more ETH of AVS room is worth yield: " + avs);
        assertTrue(capped.result().binding().stream().noneMatch(b -> b.name().equals("operator:operator-b")), "the operator cap has room left");
    }
}

package io.lrtyield.yield.model;

import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.YieldQuote;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vault's own EigenLayer deposit priced for slashing from its on-chain exposure (the price service reads
 * {@code delegatedTo(vault)} and its operator's allocations in the same snapshot, {@code PriceTick.positions}): delegated,
 * the quote's net APY loses Σ over the operator's sets of slashable share × probability × severity, exactly as a restaking
 * token's ({@link SlashingRisk}), and says so in {@code expectedSlashingLoss} — which tells the rebalancer not to add its
 * flat configured slashing term as well. Undelegated, no AVS can slash it: the quote is left as it is (the rebalancer keeps
 * its flat term, for a delegation that could come at any time) and {@code delegatedTo} says {@code none}.
 */
public final class PositionSlashing {

    private PositionSlashing() {
    }

    public static YieldQuote adjust(YieldQuote quote, RestakingExposure exposure, SlashingRisk risk) {
        if (exposure == null) {
            return quote;
        }
        if (!exposure.delegated()) {
            Map<String, String> r = new LinkedHashMap<>(quote.risk());
            r.put("delegatedTo", "none");
            return with(quote, quote.netApy(), quote.components(), quote.sizeCurve(), r, quote.flags());
        }
        SlashingRisk.Adjusted a = SlashingRisk.adjust(quote.netApy(), quote.components(), quote.sizeCurve(), quote.risk(), exposure,
                risk.assess(exposure), null, null);
        Map<String, String> r = new LinkedHashMap<>(a.risk());
        exposure.delegations().stream().filter(d -> d.operator() != null).findFirst()
                .ifPresent(d -> r.put("delegatedTo", d.operatorName() == null ? d.operator() : d.operatorName()));
        java.util.List<String> flags = quote.flags();
        if (!exposure.complete()) {
            flags = new java.util.ArrayList<>(flags);
            flags.add("exposure-incomplete: " + String.join("; ", exposure.errors()));
        }
        return with(quote, a.netApy(), a.components(), a.sizeCurve(), r, flags);
    }

    private static YieldQuote with(YieldQuote q, BigDecimal net, java.util.List<io.lrtyield.common.event.YieldComponent> components,
                                   java.util.List<io.lrtyield.common.event.SizePoint> curve, Map<String, String> risk,
                                   java.util.List<String> flags) {
        return new YieldQuote(q.schemaVersion(), q.eventId(), q.venueId(), q.venueKind(), q.asset(), net, q.basis(), components,
                q.windows(), curve, q.samples(), flags, q.provenance(), risk);
    }
}

package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.event.RebalancePlan;

import java.util.List;

/**
 * A plan as kept in Redis and served by the API: its latest event, the loop steps with their health factors, what
 * could not be routed, and its history of status changes ("PROPOSED at block 123: …").
 */
public record StoredPlan(RebalancePlan plan, List<DeleverageStep> steps, List<String> skipped, List<String> history) {

    // the plan's headline fields at the top level too, for readers of /api/v1/plans (ignored when read back)
    @com.fasterxml.jackson.annotation.JsonProperty(value = "planId", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    String planId() {
        return plan.planId();
    }

    @com.fasterxml.jackson.annotation.JsonProperty(value = "status", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    String status() {
        return plan.status();
    }

    @com.fasterxml.jackson.annotation.JsonProperty(value = "target", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    List<io.lrtyield.common.event.RebalancePlan.Allocation> target() {
        return plan.target();
    }

    @com.fasterxml.jackson.annotation.JsonProperty(value = "expectedGainEth", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    java.math.BigDecimal expectedGainEth() {
        return plan.expectedGainEth();
    }

    @com.fasterxml.jackson.annotation.JsonProperty(value = "costEth", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    java.math.BigDecimal costEth() {
        return plan.costEth();
    }

    @com.fasterxml.jackson.annotation.JsonProperty(value = "provenance", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    io.lrtyield.common.event.Provenance provenance() {
        return plan.provenance();
    }

    public StoredPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        history = history == null ? List.of() : List.copyOf(history);
    }
}

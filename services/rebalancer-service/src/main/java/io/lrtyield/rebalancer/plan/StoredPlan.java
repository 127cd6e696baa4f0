package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.event.RebalancePlan;

import java.util.List;

/**
 * A plan as kept in Redis and served by the API: its latest event, the loop steps with their health factors, what
 * could not be routed, and its history of status changes ("PROPOSED at block 123: …").
 */
public record StoredPlan(RebalancePlan plan, List<DeleverageStep> steps, List<String> skipped, List<String> history) {

    public StoredPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        history = history == null ? List.of() : List.copyOf(history);
    }
}

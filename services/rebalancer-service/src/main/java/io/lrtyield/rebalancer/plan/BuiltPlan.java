package io.lrtyield.rebalancer.plan;

import io.lrtyield.rebalancer.execution.PlannedAction;

import java.util.List;

/**
 * A plan's actions (executable by the execution engine's PlanExecutor), its loop steps and what could not be done.
 *
 * @param steps   loop unwind/entry steps with their health factors, in order
 * @param skipped moves the builder could not route (no allowlisted route, health factor bound …), one line each
 */
public record BuiltPlan(List<PlannedAction> actions, List<DeleverageStep> steps, List<String> skipped) {

    public BuiltPlan {
        actions = List.copyOf(actions);
        steps = List.copyOf(steps);
        skipped = List.copyOf(skipped);
    }

    public boolean empty() {
        return actions.isEmpty();
    }
}

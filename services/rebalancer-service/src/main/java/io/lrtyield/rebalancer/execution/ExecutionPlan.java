package io.lrtyield.rebalancer.execution;

import java.util.List;

/** An ordered list of vault calls that moves the vault's ETH; each runs as its own transaction, in order. */
public record ExecutionPlan(String planId, List<PlannedAction> actions) {

    public ExecutionPlan {
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one action");
        }
    }

    public List<ContractCall> calls() {
        return actions.stream().map(PlannedAction::call).toList();
    }
}

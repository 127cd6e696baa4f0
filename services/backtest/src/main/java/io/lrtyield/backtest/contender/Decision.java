package io.lrtyield.backtest.contender;

import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanBuilder;

import java.util.List;

/**
 * What a contender does at a decision point: a plan built by the production plan builder and the moves it was built
 * from; {@code deleverage} runs the plan's unwind steps only.
 */
public record Decision(List<PlanBuilder.Move> moves, BuiltPlan plan, boolean deleverage, String reason) {

    public Decision {
        moves = List.copyOf(moves);
    }
}

package io.lrtyield.rebalancer.policy;

import io.lrtyield.strategy.optimizer.AllocationProblem;
import io.lrtyield.strategy.optimizer.AllocationResult;

import java.util.List;
import java.util.Map;

/**
 * What the policy concluded at one snapshot and why.
 *
 * @param action     HOLD, REBALANCE or DELEVERAGE
 * @param reason     one line, starting with the circuit breaker's exclusions when there are any
 * @param excluded   venues left out of the problem, with the reason (circuit breaker, no quote, no route …)
 * @param problem    the allocation problem solved, null when none was (emergency, nothing to allocate)
 * @param result     the optimizer's answer, null when none
 * @param gainEth    risk-adjusted yield gained over the horizon by moving (before costs)
 * @param costEth    transition costs of the move (gas + slippage)
 * @param risk       risk score per venue in the problem, with its parts
 * @param deleverage venue to deleverage (DELEVERAGE only)
 * @param economics  per venue in the problem: the APY, size decay and exit route its figures came from
 */
public record PolicyOutcome(String action, String reason, Map<String, String> excluded, AllocationProblem problem,
                            AllocationResult result, double gainEth, double costEth,
                            Map<String, io.lrtyield.rebalancer.risk.RiskScorer.Score> risk, String deleverage,
                            List<String> notes, Map<String, VenueEconomics> economics) {

    public static final String HOLD = "HOLD";
    public static final String REBALANCE = "REBALANCE";
    public static final String DELEVERAGE = "DELEVERAGE";

    public PolicyOutcome {
        excluded = Map.copyOf(excluded);
        risk = Map.copyOf(risk);
        notes = List.copyOf(notes);
        economics = Map.copyOf(economics);
    }

    public PolicyOutcome(String action, String reason, Map<String, String> excluded, AllocationProblem problem,
                         AllocationResult result, double gainEth, double costEth,
                         Map<String, io.lrtyield.rebalancer.risk.RiskScorer.Score> risk, String deleverage, List<String> notes) {
        this(action, reason, excluded, problem, result, gainEth, costEth, risk, deleverage, notes, Map.of());
    }
}

package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.event.EventIds;
import io.lrtyield.common.event.PlanStatus;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.rebalancer.execution.ContractCall;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.PlannedAction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * PROPOSED → APPROVED / REJECTED → EXECUTING → DONE / FAILED; a PROPOSED or APPROVED plan not started within the
 * configured number of blocks is EXPIRED (its min-outs were computed on prices that old). Every change is a new {@link RebalancePlan} event (its
 * eventId is deterministic in vault, plan id and status, so a replayed change dedupes); a change not in the table is
 * refused. Plans convert both ways with the execution engine's {@link ExecutionPlan}: the action's signature travels
 * with it so that the stored plan is exactly what PlanExecutor runs.
 */
public final class PlanLifecycle {

    public static final String PROPOSED = PlanStatus.PROPOSED.name();
    public static final String APPROVED = PlanStatus.APPROVED.name();
    public static final String REJECTED = PlanStatus.REJECTED.name();
    public static final String EXECUTING = PlanStatus.EXECUTING.name();
    public static final String DONE = PlanStatus.DONE.name();
    public static final String FAILED = PlanStatus.FAILED.name();
    public static final String EXPIRED = PlanStatus.EXPIRED.name();

    private PlanLifecycle() {
    }

    /** True when a plan proposed at {@code proposedAt} and not yet executing is too old to start at {@code head}. */
    public static boolean expired(RebalancePlan plan, long head, long expiryBlocks) {
        return (PROPOSED.equals(plan.status()) || APPROVED.equals(plan.status()))
                && head - plan.provenance().blockNumber() > expiryBlocks;
    }

    /** Plan id: deterministic in vault, block and the calldata, so a redelivered snapshot proposes the same plan. */
    public static String planId(String vault, long block, List<PlannedAction> actions) {
        return EventIds.of("plan", vault, block, actions.stream().map(a -> a.call().data()).toList().toString()).substring(0, 16);
    }

    public static RebalancePlan propose(String vault, String planId, List<RebalancePlan.Allocation> target,
                                        List<PlannedAction> actions, BigDecimal gainEth, BigDecimal costEth, String reason,
                                        Provenance provenance) {
        List<RebalancePlan.Action> list = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            PlannedAction a = actions.get(i);
            list.add(new RebalancePlan.Action(i, a.venueId(), a.kind(), a.call().target(), a.call().data(), a.call().valueWei(),
                    a.expectedOut() == null ? null : new BigDecimal(a.expectedOut()),
                    a.minOut() == null ? null : new BigDecimal(a.minOut()), a.call().signature()));
        }
        return new RebalancePlan(RebalancePlan.SCHEMA_VERSION, RebalancePlan.idFor(vault, planId, PROPOSED), vault, planId, PROPOSED,
                target, list, gainEth, costEth, reason, provenance);
    }

    /** The transition table of {@link PlanStatus#next()}; an unknown name is never allowed. */
    public static boolean allowed(String from, String to) {
        try {
            return PlanStatus.of(from).next().contains(PlanStatus.of(to));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static RebalancePlan transition(RebalancePlan plan, String to, String reason) {
        if (!allowed(plan.status(), to)) {
            throw new IllegalStateException("plan " + plan.planId() + " is " + plan.status() + ": cannot go to " + to);
        }
        return new RebalancePlan(plan.schemaVersion(), RebalancePlan.idFor(plan.vault(), plan.planId(), to), plan.vault(),
                plan.planId(), to, plan.target(), plan.actions(), plan.expectedGainEth(), plan.costEth(),
                reason == null ? plan.reason() : reason, plan.provenance());
    }

    /** What the execution engine runs. */
    public static ExecutionPlan toExecution(RebalancePlan plan) {
        List<PlannedAction> actions = plan.actions().stream().map(a -> new PlannedAction(a.venueId(), a.kind(),
                new ContractCall(a.target(), a.signature(), a.calldata(), a.valueWei()),
                a.expectedOut() == null ? null : a.expectedOut().toBigIntegerExact(),
                a.minOut() == null ? null : a.minOut().toBigIntegerExact())).toList();
        return new ExecutionPlan(plan.planId(), actions);
    }
}

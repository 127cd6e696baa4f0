package io.lrtyield.rebalancer.execution;

import java.util.List;

/**
 * The result of running a plan.
 *
 * @param status DONE (every action confirmed), REFUSED (stopped before anything was signed: not allowlisted, failed
 *               preflight, fee cap), FAILED (stopped part-way; earlier actions stay confirmed) or PENDING (not finished
 *               yet: a journaled transaction still in flight after a resume, or paused by an admin; its remaining
 *               actions stay PLANNED in the journal)
 */
public record ExecutionReport(String planId, String status, List<ActionOutcome> outcomes, String error) {

    public static final String DONE = "DONE";
    public static final String REFUSED = "REFUSED";
    public static final String FAILED = "FAILED";
    /** Neither done nor failed yet: a journaled transaction still in flight, or the vault paused mid-plan. */
    public static final String PENDING = "PENDING";

    public ExecutionReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean done() {
        return DONE.equals(status);
    }

    public long signedCount() {
        return outcomes.stream().filter(o -> o.txHash() != null).count();
    }
}

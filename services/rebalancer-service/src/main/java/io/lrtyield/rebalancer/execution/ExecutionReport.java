package io.lrtyield.rebalancer.execution;

import java.util.List;

/**
 * The result of running a plan.
 *
 * @param status DONE (every action confirmed), REFUSED (stopped before anything was signed: not allowlisted, failed
 *               preflight, fee cap), FAILED (stopped part-way; earlier actions stay confirmed) or PENDING (resumed,
 *               a journaled transaction still in flight)
 */
public record ExecutionReport(String planId, String status, List<ActionOutcome> outcomes, String error) {

    public static final String DONE = "DONE";
    public static final String REFUSED = "REFUSED";
    public static final String FAILED = "FAILED";
    /** A resumed plan whose journaled transaction is still in flight: neither done nor failed yet. */
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

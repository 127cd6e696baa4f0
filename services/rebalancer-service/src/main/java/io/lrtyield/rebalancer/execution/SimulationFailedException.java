package io.lrtyield.rebalancer.execution;

/** A simulation (eth_call or gas estimate) reverted: the plan stops before anything (more) is signed. */
public final class SimulationFailedException extends RuntimeException {

    private final String reason;

    public SimulationFailedException(String what, String reason) {
        super("simulation of " + what + " reverted: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

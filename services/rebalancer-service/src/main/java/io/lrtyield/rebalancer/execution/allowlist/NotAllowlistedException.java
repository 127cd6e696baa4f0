package io.lrtyield.rebalancer.execution.allowlist;

/** A call the off-chain allowlist refuses; thrown before anything is simulated or signed. */
public final class NotAllowlistedException extends RuntimeException {

    public NotAllowlistedException(String message) {
        super(message);
    }
}

package io.lrtyield.rebalancer.execution;

/** The network asks more than the configured fee cap: nothing is signed until fees come down. */
public final class FeeCapExceededException extends RuntimeException {

    public FeeCapExceededException(String message) {
        super(message);
    }
}

package io.lrtyield.rebalancer.execution.journal;

/** A journal write carried a fencing token older than the vault's current one: another executor holds the lease. */
public final class FencedOutException extends RuntimeException {

    public FencedOutException(String vault, long token) {
        super("fencing token " + token + " for vault " + vault + " is stale: another executor took over");
    }
}

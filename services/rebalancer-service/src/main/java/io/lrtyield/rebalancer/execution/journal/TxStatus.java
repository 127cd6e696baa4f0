package io.lrtyield.rebalancer.execution.journal;

/** Life of one planned action's transaction. */
public enum TxStatus {
    /** Planned, nothing signed: may still be signed (once). */
    PLANNED,
    /** Signed; raw bytes and hash journaled, maybe not broadcast: after a crash, re-broadcast the same bytes. */
    SIGNED,
    /** Accepted by a node. */
    SENT,
    /** In a block (successful). */
    MINED,
    CONFIRMED,
    FAILED,
    /** Superseded at the same nonce by a fee-bumped copy. */
    REPLACED;

    public boolean terminal() {
        return this == CONFIRMED || this == FAILED || this == REPLACED;
    }

    /** Signed bytes exist: the nonce is spent, the action must never be signed again. */
    public boolean signed() {
        return this != PLANNED;
    }
}

package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;

/**
 * Hooks on every state change of a transaction (journal, executions.v1 events, metrics). {@link #signed} runs before
 * the broadcast and may throw to stop it: the journal stores the raw bytes there first.
 */
public interface ExecutionListener {

    ExecutionListener NONE = new ExecutionListener() { };

    /** The plan passed its checks and actions from {@code fromIndex} on are about to be signed. */
    default void planned(ExecutionPlan plan, int fromIndex) {
    }

    default void signed(String planId, int index, SignedTransaction tx) {
    }

    default void sent(String planId, int index, SignedTransaction tx) {
    }

    /** A stuck transaction is superseded by a fee-bumped copy at the same nonce; runs before the copy is broadcast. */
    default void replaced(String planId, int index, SignedTransaction stuck, SignedTransaction replacement) {
    }

    default void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
    }

    /** The mined transaction is {@code confirmations} blocks deep and its receipt unchanged. */
    default void confirmed(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
    }

    default void failed(String planId, int index, String txHash, String error) {
    }

    /** The run ended (any status): actions left unrun are final. */
    default void finished(ExecutionPlan plan, ExecutionReport report) {
    }
}

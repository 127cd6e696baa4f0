package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;

/**
 * Hooks on every state change of a transaction (journal, executions.v1 events, metrics). {@link #signed} runs before
 * the broadcast and may throw to stop it: the journal stores the raw bytes there first.
 */
public interface ExecutionListener {

    ExecutionListener NONE = new ExecutionListener() { };

    default void signed(String planId, int index, SignedTransaction tx) {
    }

    default void sent(String planId, int index, SignedTransaction tx) {
    }

    default void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
    }

    default void failed(String planId, int index, String txHash, String error) {
    }
}

package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;

import java.util.List;

/** Several listeners in order; the first (the journal) may veto a broadcast by throwing, the rest follow it. */
public final class ExecutionListeners implements ExecutionListener {

    private final List<ExecutionListener> listeners;

    private ExecutionListeners(List<ExecutionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static ExecutionListener of(ExecutionListener... listeners) {
        return new ExecutionListeners(List.of(listeners));
    }

    @Override
    public void planned(ExecutionPlan plan, int fromIndex) {
        listeners.forEach(l -> l.planned(plan, fromIndex));
    }

    @Override
    public void signed(String planId, int index, SignedTransaction tx) {
        listeners.forEach(l -> l.signed(planId, index, tx));
    }

    @Override
    public void sent(String planId, int index, SignedTransaction tx) {
        listeners.forEach(l -> l.sent(planId, index, tx));
    }

    @Override
    public void replaced(String planId, int index, SignedTransaction stuck, SignedTransaction replacement) {
        listeners.forEach(l -> l.replaced(planId, index, stuck, replacement));
    }

    @Override
    public void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
        listeners.forEach(l -> l.mined(planId, index, tx, receipt));
    }

    @Override
    public void confirmed(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
        listeners.forEach(l -> l.confirmed(planId, index, tx, receipt));
    }

    @Override
    public void failed(String planId, int index, String txHash, String error) {
        listeners.forEach(l -> l.failed(planId, index, txHash, error));
    }

    @Override
    public void finished(ExecutionPlan plan, ExecutionReport report) {
        listeners.forEach(l -> l.finished(plan, report));
    }
}

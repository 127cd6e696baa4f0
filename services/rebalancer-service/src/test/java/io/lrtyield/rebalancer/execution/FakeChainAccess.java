package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;

import java.util.List;

/** Lets tests in other packages use the scripted node. */
public final class FakeChainAccess {

    private FakeChainAccess() {
    }

    public static ExecutionChain create() {
        return new FakeChain();
    }

    public static void holdWhen(ExecutionChain chain, java.util.function.Predicate<String> stuck) {
        ((FakeChain) chain).holdWhen = stuck;
    }

    public static void setHead(ExecutionChain chain, long head) {
        ((FakeChain) chain).setHead(head);
    }

    /** Called with each new head the scripted chain makes (a mined transaction's block or an empty one). */
    public static void onBlock(ExecutionChain chain, java.util.function.LongConsumer hook) {
        ((FakeChain) chain).onBlock = hook;
    }

    /** The head when each broadcast arrived. */
    public static List<Long> broadcastHeads(ExecutionChain chain) {
        return ((FakeChain) chain).broadcastHeads;
    }

    /** Stops (or restarts) block production. */
    public static void stall(ExecutionChain chain, boolean stalled) {
        ((FakeChain) chain).stalled = stalled;
    }

    public static void reorgOut(ExecutionChain chain, String txHash) {
        ((FakeChain) chain).reorgOut(txHash);
    }

    public static List<String> broadcasts(ExecutionChain chain) {
        return ((FakeChain) chain).broadcasts;
    }
}

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

    public static void setHead(ExecutionChain chain, Long head) {
        ((FakeChain) chain).head = head;
    }

    public static void reorgOut(ExecutionChain chain, String txHash) {
        ((FakeChain) chain).reorgOut(txHash);
    }

    public static List<String> broadcasts(ExecutionChain chain) {
        return ((FakeChain) chain).broadcasts;
    }
}

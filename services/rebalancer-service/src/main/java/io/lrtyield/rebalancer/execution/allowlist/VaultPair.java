package io.lrtyield.rebalancer.execution.allowlist;

/** A (target, selector) pair as the StrategyVault's on-chain allowlist keys it; both lower-case 0x hex. */
public record VaultPair(String target, String selector) implements Comparable<VaultPair> {

    public VaultPair {
        target = target.toLowerCase();
        selector = selector.toLowerCase();
    }

    @Override
    public int compareTo(VaultPair o) {
        int c = target.compareTo(o.target);
        return c != 0 ? c : selector.compareTo(o.selector);
    }

    @Override
    public String toString() {
        return target + ":" + selector;
    }
}

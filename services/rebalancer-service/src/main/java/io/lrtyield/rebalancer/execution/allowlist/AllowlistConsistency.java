package io.lrtyield.rebalancer.execution.allowlist;

import java.util.Set;
import java.util.TreeSet;

/**
 * The off-chain allowlist and the vault's on-chain one must hold exactly the same (target, selector) pairs: a pair
 * only off chain would fail on chain after signing; a pair only on chain is a permission nobody reviewed here.
 *
 * @param onlyOffChain pairs the configuration allows but the vault does not
 * @param onlyOnChain  pairs the vault allows but the configuration does not
 */
public record AllowlistConsistency(Set<VaultPair> onlyOffChain, Set<VaultPair> onlyOnChain) {

    public static AllowlistConsistency compare(Set<VaultPair> offChain, Set<VaultPair> onChain) {
        Set<VaultPair> onlyOff = new TreeSet<>(offChain);
        onlyOff.removeAll(onChain);
        Set<VaultPair> onlyOn = new TreeSet<>(onChain);
        onlyOn.removeAll(offChain);
        return new AllowlistConsistency(Set.copyOf(onlyOff), Set.copyOf(onlyOn));
    }

    public boolean matches() {
        return onlyOffChain.isEmpty() && onlyOnChain.isEmpty();
    }

    /** Throws {@link IllegalStateException} naming every difference unless both lists match. */
    public void requireMatch(String vault) {
        if (!matches()) {
            throw new IllegalStateException("allowlist of vault " + vault + " differs from the configuration: only off chain "
                    + new TreeSet<>(onlyOffChain) + ", only on chain " + new TreeSet<>(onlyOnChain) + " — refusing to run");
        }
    }
}

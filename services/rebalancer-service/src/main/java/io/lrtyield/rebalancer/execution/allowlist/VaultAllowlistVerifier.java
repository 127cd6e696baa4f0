package io.lrtyield.rebalancer.execution.allowlist;

import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The start-up check: reads the vault's allowlist (events, then the mapping itself for every configured pair, so a
 * node with pruned logs cannot hide a missing permission) at one block and compares it with the configuration.
 */
public final class VaultAllowlistVerifier {

    private final OnChainAllowlistReader reader;

    public VaultAllowlistVerifier(Web3j web3j) {
        this.reader = new OnChainAllowlistReader(web3j);
    }

    VaultAllowlistVerifier(OnChainAllowlistReader reader) {
        this.reader = reader;
    }

    public AllowlistConsistency verify(Allowlist offChain, String vault, long fromBlock, long atBlock) throws IOException {
        Set<VaultPair> onChain = new TreeSet<>(reader.allowedPairs(vault, fromBlock, atBlock));
        // a pair the events missed but the mapping allows still counts as on chain; one the mapping refuses does not
        Set<VaultPair> refused = reader.notAllowed(vault, offChain.pairs(), atBlock);
        for (VaultPair pair : offChain.pairs()) {
            if (refused.contains(pair)) {
                onChain.remove(pair);
            } else {
                onChain.add(pair);
            }
        }
        return AllowlistConsistency.compare(offChain.pairs(), onChain);
    }
}

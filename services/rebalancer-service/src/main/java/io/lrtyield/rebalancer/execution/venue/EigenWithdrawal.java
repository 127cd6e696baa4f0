package io.lrtyield.rebalancer.execution.venue;

import java.math.BigInteger;
import java.util.List;

/**
 * EigenLayer's {@code Withdrawal} struct, as emitted by {@code SlashingWithdrawalQueued} and passed back to complete it:
 * {@code (address staker, address delegatedTo, address withdrawer, uint256 nonce, uint32 startBlock,
 * address[] strategies, uint256[] scaledShares)}.
 */
public record EigenWithdrawal(String staker, String delegatedTo, String withdrawer, BigInteger nonce, long startBlock,
                              List<String> strategies, List<BigInteger> scaledShares) {

    public EigenWithdrawal {
        strategies = List.copyOf(strategies);
        scaledShares = List.copyOf(scaledShares);
        if (strategies.size() != scaledShares.size() || strategies.isEmpty()) {
            throw new IllegalArgumentException("strategies and shares must pair up");
        }
    }
}

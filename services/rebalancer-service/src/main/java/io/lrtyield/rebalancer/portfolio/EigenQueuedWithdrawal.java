package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.rebalancer.execution.venue.EigenWithdrawal;

import java.math.BigInteger;
import java.util.List;

/**
 * One of the vault's queued EigenLayer withdrawals ({@code getQueuedWithdrawal(root)}).
 *
 * @param withdrawal  the struct to complete it with
 * @param shares      the shares it will pay out per strategy (net of slashing), in the order of its strategies
 * @param completable the delay passed at the snapshot's block ({@code block > startBlock + minWithdrawalDelayBlocks})
 */
public record EigenQueuedWithdrawal(EigenWithdrawal withdrawal, List<BigInteger> shares, boolean completable) {

    public EigenQueuedWithdrawal {
        shares = List.copyOf(shares);
    }
}

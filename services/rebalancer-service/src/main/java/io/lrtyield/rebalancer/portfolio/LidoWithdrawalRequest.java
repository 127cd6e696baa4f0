package io.lrtyield.rebalancer.portfolio;

import java.math.BigInteger;

/**
 * One of the vault's requests in Lido's withdrawal queue ({@code getWithdrawalStatus}).
 *
 * @param id            the request (unstETH NFT) id
 * @param amountOfStETH stETH locked at request time: the ETH it redeems for after finalization (1:1 unless a loss
 *                      lowered the share rate before it)
 * @param timestamp     when it was requested (unix s)
 * @param finalized     the oracle finalized it: claimable
 * @param claimed       its ETH was claimed
 */
public record LidoWithdrawalRequest(BigInteger id, BigInteger amountOfStETH, long timestamp, boolean finalized, boolean claimed) {
}

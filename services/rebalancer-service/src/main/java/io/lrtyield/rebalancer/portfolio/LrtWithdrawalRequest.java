package io.lrtyield.rebalancer.portfolio;

import java.math.BigInteger;

/**
 * One of the vault's requests in a restaking issuer's withdrawal queue (Renzo's WithdrawQueue, Kelp's
 * LRTWithdrawalManager).
 *
 * @param venueId   the venue whose token was queued (renzo-ezeth, kelp-rseth)
 * @param asset     the token queued (ezETH, rsETH)
 * @param index     the request's index in the queue's list of the vault's requests (Renzo: the array index; Kelp: 0 =
 *                  the oldest outstanding)
 * @param ethAmount the ETH it pays: recorded at the request's rate (Renzo {@code amountToRedeem}, Kelp
 *                  {@code expectedAssetAmount}, or the unlocked amount once unlocked); a loss before the claim lowers it
 * @param claimable claimable at the snapshot's block (Renzo: the cooldown passed; Kelp: unlocked and the delay passed)
 */
public record LrtWithdrawalRequest(String venueId, String asset, int index, BigInteger ethAmount, boolean claimable) {
}

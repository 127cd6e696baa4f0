package io.lrtyield.backtest.sim;

import java.math.BigInteger;

/**
 * ETH owed by a protocol's withdrawal queue: paid into the vault's idle ETH at {@code dueBlock}.
 *
 * @param venueId the venue whose exit queued it
 */
public record QueueClaim(String venueId, BigInteger ethWei, long dueBlock) {
}

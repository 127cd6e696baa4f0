package io.lrtyield.rebalancer.execution;

import java.math.BigInteger;

/**
 * What became of one action.
 *
 * @param status CONFIRMED (mined, succeeded), FAILED (reverted on chain or could not be sent) or NOT_RUN (an earlier
 *               step failed, or the plan was refused before signing)
 */
public record ActionOutcome(int index, String status, String txHash, BigInteger nonce, Long blockNumber, BigInteger gasUsed,
                            String error) {

    public static final String CONFIRMED = "CONFIRMED";
    public static final String FAILED = "FAILED";
    public static final String NOT_RUN = "NOT_RUN";
}

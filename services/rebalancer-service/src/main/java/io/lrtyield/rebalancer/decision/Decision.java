package io.lrtyield.rebalancer.decision;

import java.math.BigDecimal;

/**
 * What the rebalancer concluded on one quote.
 *
 * @param action HOLD or REBALANCE
 * @param gainBps best net APY − current net APY, in basis points
 * @param quoteEventId the yields.v1 event that triggered the decision
 */
public record Decision(String vault, String action, String currentVenue, BigDecimal currentNetApy, String bestVenue,
                       BigDecimal bestNetApy, BigDecimal gainBps, String reason, long blockNumber, String quoteEventId,
                       long decidedAtMillis) {

    public static final String HOLD = "HOLD";
    public static final String REBALANCE = "REBALANCE";
}

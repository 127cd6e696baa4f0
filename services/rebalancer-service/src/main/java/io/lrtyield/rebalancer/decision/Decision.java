package io.lrtyield.rebalancer.decision;

import java.math.BigDecimal;

/**
 * What the rebalancer concluded at one block, over the whole portfolio (one per block, the only decisions stored).
 *
 * @param action HOLD, REBALANCE or DELEVERAGE
 * @param currentVenue {@code portfolio}: the decision weighs every venue held
 * @param bestVenue the venue with the largest target amount (or the loop to deleverage)
 * @param gainBps net gain of the target over the current allocation after costs, annualised, in bps of the vault
 * @param reason why, with the figures (gain, costs, margin, cooldown, circuit breaker, plan proposed)
 * @param quoteEventId {@code block:<number>:<hash>}, the snapshot decided on
 */
public record Decision(String vault, String action, String currentVenue, BigDecimal currentNetApy, String bestVenue,
                       BigDecimal bestNetApy, BigDecimal gainBps, String reason, long blockNumber, String quoteEventId,
                       long decidedAtMillis) {

    public static final String HOLD = "HOLD";
    public static final String REBALANCE = "REBALANCE";
}

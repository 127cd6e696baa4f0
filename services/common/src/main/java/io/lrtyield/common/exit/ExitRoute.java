package io.lrtyield.common.exit;

import java.math.BigDecimal;

/**
 * How a position of a given size leaves its venue, and what that costs: the route a size point of a yield quote
 * assumed, carried on {@code yields.v1} so the rebalancer prices a trade's round trip with the same figure.
 *
 * @param kind         the route
 * @param costFraction cost of leaving, as a fraction of the position's value (price impact and fees for a sale, the
 *                     yield given up while queued plus the queue's risk premium for a queue; 0 for a redemption or
 *                     withdrawal within its liquidity)
 * @param delayDays    days until the ETH is back (0 for instant routes)
 * @param apyCost      what this exit took off the size point's net APY, amortised over the quote's horizon (so a
 *                     consumer can add it back to see the yield before the exit)
 */
public record ExitRoute(Kind kind, BigDecimal costFraction, BigDecimal delayDays, BigDecimal apyCost) {

    /** The ways out of a position. */
    public enum Kind {
        /** Sold at once on a DEX (exact pool math). */
        INSTANT_DEX,
        /** Redeemed by the protocol at its rate within its liquidity (rETH burn, ERC-4626 redeem, Aave withdraw). */
        REDEMPTION,
        /** A protocol withdrawal queue: 1:1 at the protocol rate after a delay (Lido, ether.fi, Renzo, Kelp, EigenLayer). */
        QUEUE,
        /** Held to maturity and redeemed there (a Pendle PT): no exit trade. */
        HOLD_TO_MATURITY
    }

    public ExitRoute {
        if (kind == null || costFraction == null || delayDays == null || apyCost == null) {
            throw new IllegalArgumentException("exit route fields must not be null");
        }
    }
}

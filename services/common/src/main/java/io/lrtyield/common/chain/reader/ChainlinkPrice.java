package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.util.Objects;

/** A Chainlink round together with the feed's {@code decimals()}, read in the same block. */
public record ChainlinkPrice(ChainlinkRound round, int decimals) {

    public ChainlinkPrice {
        Objects.requireNonNull(round, "round");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals must be a uint8, got " + decimals);
        }
    }

    /** The answer as an exact decimal, scale = {@code decimals} (e.g. 8 for USD feeds, 18 for ETH feeds). */
    public BigDecimal answer() {
        return round.scaledAnswer(decimals);
    }

    public FixedPoint answerFixedPoint() {
        return new FixedPoint(round.answer(), decimals);
    }
}

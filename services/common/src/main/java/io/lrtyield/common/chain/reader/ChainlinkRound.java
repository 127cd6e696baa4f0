package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * Chainlink {@code latestRoundData()}: {@code (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt,
 * uint80 answeredInRound)}. {@code answer} is the raw signed integer; scale it with the feed's {@code decimals()}.
 * Exchange-rate adapters may report zero round and time fields.
 */
public record ChainlinkRound(BigInteger roundId, BigInteger answer, Instant startedAt, Instant updatedAt,
                             BigInteger answeredInRound) {

    private static final BigInteger PHASE_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public ChainlinkRound {
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(answeredInRound, "answeredInRound");
    }

    /** On a proxy, {@code roundId = phaseId * 2^64 + aggregatorRoundId}. */
    public BigInteger phaseId() {
        return roundId.shiftRight(64);
    }

    public BigInteger aggregatorRoundId() {
        return roundId.and(PHASE_MASK);
    }

    /** {@code answer / 10^decimals}, exact, with scale {@code decimals}. */
    public BigDecimal scaledAnswer(int decimals) {
        return new FixedPoint(answer, decimals).toBigDecimal();
    }
}

package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An on-chain fixed-point integer and its number of decimals: a 1e18-scaled rate ({@link #wad}), an Aave ray
 * ({@link #ray}), a Chainlink answer with the feed's decimals … {@link #toBigDecimal()} is exact (scale = decimals).
 */
public record FixedPoint(BigInteger raw, int decimals) {

    public static final int WAD_DECIMALS = 18;
    public static final int RAY_DECIMALS = 27;

    public FixedPoint {
        Objects.requireNonNull(raw, "raw");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals must be in [0, 255], got " + decimals);
        }
    }

    public static FixedPoint wad(BigInteger raw) {
        return new FixedPoint(raw, WAD_DECIMALS);
    }

    public static FixedPoint ray(BigInteger raw) {
        return new FixedPoint(raw, RAY_DECIMALS);
    }

    /** The exact value, {@code raw / 10^decimals}, with scale {@code decimals}. */
    public BigDecimal toBigDecimal() {
        return new BigDecimal(raw, decimals);
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}

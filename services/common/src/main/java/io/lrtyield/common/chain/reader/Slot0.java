package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Uniswap v3 pool {@code slot0()}: {@code (uint160 sqrtPriceX96, int24 tick, uint16 observationIndex,
 * uint16 observationCardinality, uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked)}.
 *
 * <p>{@code sqrtPriceX96 = sqrt(token1/token0) * 2^96}, so the raw price (token1 base units per token0 base unit)
 * is {@code sqrtPriceX96^2 / 2^192}. Since {@code 1/2^192 = 5^192/10^192}, that quotient is a terminating decimal
 * and {@link #price()} returns it exactly; {@link #price(int, RoundingMode)} rounds it with a stated mode.
 */
public record Slot0(BigInteger sqrtPriceX96, int tick, int observationIndex, int observationCardinality,
                    int observationCardinalityNext, int feeProtocol, boolean unlocked) {

    private static final int Q192 = 192;
    private static final BigInteger FIVE_POW_192 = BigInteger.valueOf(5).pow(Q192);
    private static final BigInteger TWO_POW_192 = BigInteger.ONE.shiftLeft(Q192);

    public Slot0 {
        Objects.requireNonNull(sqrtPriceX96, "sqrtPriceX96");
        if (sqrtPriceX96.signum() < 0) {
            throw new IllegalArgumentException("sqrtPriceX96 must not be negative");
        }
    }

    /** Raw token1-per-token0 price, exact (trailing zeros stripped, scale at least 0). */
    public BigDecimal price() {
        return exactPrice(sqrtPriceX96);
    }

    /** Raw token1-per-token0 price rounded to {@code scale} decimals with {@code rounding}. */
    public BigDecimal price(int scale, RoundingMode rounding) {
        return price().setScale(scale, rounding);
    }

    /**
     * Token1 per token0 in whole-token units: raw price × 10^(decimals0 − decimals1), exact (a decimal-point shift).
     */
    public BigDecimal price(int decimals0, int decimals1) {
        BigDecimal shifted = price().movePointRight(decimals0 - decimals1).stripTrailingZeros();
        return shifted.scale() < 0 ? shifted.setScale(0) : shifted;
    }

    /** Raw token0-per-token1 price ({@code 2^192 / sqrtPriceX96^2}), which rarely terminates: give a scale and mode. */
    public BigDecimal inversePrice(int scale, RoundingMode rounding) {
        return new BigDecimal(TWO_POW_192).divide(new BigDecimal(sqrtPriceX96.pow(2)), scale, rounding);
    }

    /** {@code sqrtPriceX96^2 / 2^192} as an exact decimal. */
    public static BigDecimal exactPrice(BigInteger sqrtPriceX96) {
        BigDecimal exact = new BigDecimal(sqrtPriceX96.pow(2).multiply(FIVE_POW_192), Q192).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }
}

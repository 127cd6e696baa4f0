package io.lrtyield.common.dex.uniswap;

import java.math.BigInteger;

/**
 * Ticks and sqrt prices: {@code sqrtPriceX96 = sqrt(1.0001^tick) × 2^96}, computed bit for bit as v3-core's TickMath
 * (a product of 128-bit fixed-point factors {@code sqrt(1.0001)^-(2^i)}, one per set bit of |tick|, inverted for a
 * positive tick, then rounded up from Q128.128 to Q64.96).
 *
 * <p>{@link #getTickAtSqrtRatio} returns what the contract defines it to return — the greatest tick whose sqrt ratio is
 * at most the given one — by bisection over {@link #getSqrtRatioAtTick}; the contract reaches the same tick through a
 * log2 approximation and a final check against the same function.
 */
public final class TickMath {

    public static final int MIN_TICK = -887272;
    public static final int MAX_TICK = 887272;
    /** {@code getSqrtRatioAtTick(MIN_TICK)}. */
    public static final BigInteger MIN_SQRT_RATIO = new BigInteger("4295128739");
    /** {@code getSqrtRatioAtTick(MAX_TICK)}. */
    public static final BigInteger MAX_SQRT_RATIO = new BigInteger("1461446703485210103287273052203988822378723970342");

    private static final BigInteger Q32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger ONE_Q128 = BigInteger.ONE.shiftLeft(128);
    /** {@code 2^128 / sqrt(1.0001)^(2^i)} for bit i of |tick|, i = 0..19. */
    private static final BigInteger[] FACTORS = hex(
            "fffcb933bd6fad37aa2d162d1a594001",
            "fff97272373d413259a46990580e213a",
            "fff2e50f5f656932ef12357cf3c7fdcc",
            "ffe5caca7e10e4e61c3624eaa0941cd0",
            "ffcb9843d60f6159c9db58835c926644",
            "ff973b41fa98c081472e6896dfb254c0",
            "ff2ea16466c96a3843ec78b326b52861",
            "fe5dee046a99a2a811c461f1969c3053",
            "fcbe86c7900a88aedcffc83b479aa3a4",
            "f987a7253ac413176f2b074cf7815e54",
            "f3392b0822b70005940c7a398e4b70f3",
            "e7159475a2c29b7443b29c7fa6e889d9",
            "d097f3bdfd2022b8845ad8f792aa5825",
            "a9f746462d870fdf8a65dc1f90e061e5",
            "70d869a156d2a1b890bb3df62baf32f7",
            "31be135f97d08fd981231505542fcfa6",
            "9aa508b5b7a84e1c677de54f3e99bc9",
            "5d6af8dedb81196699c329225ee604",
            "2216e584f5fa1ea926041bedfe98",
            "48a170391f7dc42444e8fa2");

    private TickMath() {
    }

    /** {@code sqrt(1.0001^tick) × 2^96} as a Q64.96, rounded as the contract rounds; reverts ("T") outside the tick range. */
    public static BigInteger getSqrtRatioAtTick(int tick) {
        if (tick < MIN_TICK || tick > MAX_TICK) {
            throw new ArithmeticException("T: tick " + tick + " out of range");
        }
        int absTick = Math.abs(tick);
        BigInteger ratio = (absTick & 1) != 0 ? FACTORS[0] : ONE_Q128;
        for (int i = 1; i < FACTORS.length; i++) {
            if ((absTick & (1 << i)) != 0) {
                ratio = ratio.multiply(FACTORS[i]).shiftRight(128);
            }
        }
        if (tick > 0) {
            ratio = FullMath.MAX_UINT256.divide(ratio);
        }
        BigInteger[] qr = ratio.divideAndRemainder(Q32);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** The greatest tick whose sqrt ratio is at most {@code sqrtPriceX96}; reverts ("R") outside [MIN, MAX) sqrt ratio. */
    public static int getTickAtSqrtRatio(BigInteger sqrtPriceX96) {
        if (sqrtPriceX96.compareTo(MIN_SQRT_RATIO) < 0 || sqrtPriceX96.compareTo(MAX_SQRT_RATIO) >= 0) {
            throw new ArithmeticException("R: sqrt ratio " + sqrtPriceX96 + " out of range");
        }
        int low = MIN_TICK;      // getSqrtRatioAtTick(low) <= sqrtPriceX96
        int high = MAX_TICK;     // getSqrtRatioAtTick(high) > sqrtPriceX96
        while (high - low > 1) {
            int mid = Math.floorDiv(low + high, 2);
            if (getSqrtRatioAtTick(mid).compareTo(sqrtPriceX96) <= 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static BigInteger[] hex(String... values) {
        BigInteger[] out = new BigInteger[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = new BigInteger(values[i], 16);
        }
        return out;
    }
}

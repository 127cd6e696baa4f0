package io.lrtyield.common.dex.uniswap;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a Uniswap v3 swap depends on, as read from the pool at one block: {@code slot0}'s price and tick, the active
 * liquidity, the fee (hundredths of a bp) and tick spacing, and the initialized ticks with their {@code liquidityNet}.
 * The initialized ticks are known only for the tick-bitmap words {@code minWord..maxWord} that were read; a swap that
 * needs a word outside them cannot be quoted (see {@link #nextInitializedTickWithinOneWord}).
 *
 * @param initializedTicks tick → liquidityNet (signed), each tick a multiple of {@code tickSpacing}
 */
public record PoolState(BigInteger sqrtPriceX96, int tick, BigInteger liquidity, int fee, int tickSpacing,
                        NavigableMap<Integer, BigInteger> initializedTicks, int minWord, int maxWord) {

    private static final BigInteger MAX_UINT128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public PoolState {
        Objects.requireNonNull(sqrtPriceX96, "sqrtPriceX96");
        Objects.requireNonNull(liquidity, "liquidity");
        if (sqrtPriceX96.compareTo(TickMath.MIN_SQRT_RATIO) < 0 || sqrtPriceX96.compareTo(TickMath.MAX_SQRT_RATIO) >= 0) {
            throw new IllegalArgumentException("sqrtPriceX96 " + sqrtPriceX96 + " outside the tick range (pool not initialized?)");
        }
        if (liquidity.signum() < 0 || liquidity.compareTo(MAX_UINT128) > 0) {
            throw new IllegalArgumentException("liquidity " + liquidity + " is not a uint128");
        }
        if (fee < 0 || fee >= SwapMath.FEE_DENOMINATOR.intValueExact()) {
            throw new IllegalArgumentException("fee " + fee + " out of range");
        }
        if (tickSpacing <= 0) {
            throw new IllegalArgumentException("tickSpacing must be positive, got " + tickSpacing);
        }
        if (minWord > maxWord) {
            throw new IllegalArgumentException("empty word range " + minWord + ".." + maxWord);
        }
        TreeMap<Integer, BigInteger> copy = new TreeMap<>();
        for (Map.Entry<Integer, BigInteger> e : initializedTicks.entrySet()) {
            if (e.getKey() % tickSpacing != 0) {
                throw new IllegalArgumentException("initialized tick " + e.getKey() + " is not a multiple of " + tickSpacing);
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), "liquidityNet"));
        }
        initializedTicks = Collections.unmodifiableNavigableMap(copy);
    }

    /** The tick-bitmap words that cover every usable tick at {@code tickSpacing}: all a full read needs. */
    public static int minWord(int tickSpacing) {
        return compress(TickMath.MIN_TICK, tickSpacing) >> 8;
    }

    public static int maxWord(int tickSpacing) {
        return compress(TickMath.MAX_TICK, tickSpacing) >> 8;
    }

    /** The bitmap word holding {@code tick}, as the pool's {@code tickBitmap} mapping keys it. */
    public static int wordOf(int tick, int tickSpacing) {
        return compress(tick, tickSpacing) >> 8;
    }

    /** The same pool after a swap moved it: new price, tick and active liquidity, the ticks unchanged. */
    public PoolState moved(BigInteger newSqrtPriceX96, int newTick, BigInteger newLiquidity) {
        return new PoolState(newSqrtPriceX96, newTick, newLiquidity, fee, tickSpacing, initializedTicks, minWord, maxWord);
    }

    /** A tick the swap loop steps to, and whether it is initialized (crossing it changes the liquidity). */
    public record NextTick(int tick, boolean initialized) {
    }

    /**
     * TickBitmap.nextInitializedTickWithinOneWord: the next initialized tick at or below ({@code lte}) or above
     * {@code tick}, searching only the one bitmap word the pool would load; if that word has none, its edge (not
     * initialized). The word boundaries matter: the pool ends a swap step there, and each step rounds.
     *
     * @throws IllegalStateException if the word was not read
     */
    public NextTick nextInitializedTickWithinOneWord(int tick, boolean lte) {
        int compressed = compress(tick, tickSpacing);
        if (lte) {
            int wordStart = (compressed >> 8) << 8;
            requireRead(compressed >> 8);
            Integer found = initializedTicks.floorKey(compressed * tickSpacing);
            return found != null && found >= wordStart * tickSpacing
                    ? new NextTick(found, true)
                    : new NextTick(wordStart * tickSpacing, false);
        }
        int next = compressed + 1;
        int wordEnd = ((next >> 8) << 8) + 255;
        requireRead(next >> 8);
        Integer found = initializedTicks.ceilingKey(next * tickSpacing);
        return found != null && found <= wordEnd * tickSpacing
                ? new NextTick(found, true)
                : new NextTick(wordEnd * tickSpacing, false);
    }

    private void requireRead(int word) {
        if (word < minWord || word > maxWord) {
            throw new IllegalStateException("the swap reaches tick-bitmap word " + word + ", outside the words read ("
                    + minWord + ".." + maxWord + ")");
        }
    }

    /** tick / tickSpacing rounded towards negative infinity, as the pool compresses ticks. */
    static int compress(int tick, int tickSpacing) {
        return Math.floorDiv(tick, tickSpacing);
    }
}

package io.lrtyield.common.dex.uniswap;

import java.math.BigInteger;

/**
 * The swap loop of v3-core's {@code UniswapV3Pool.swap}, replayed over a {@link PoolState}: step to the next
 * initialized tick (or bitmap-word edge, or price limit), compute the step with {@link SwapMath}, cross initialized
 * ticks by their {@code liquidityNet}, until the amount is used up or the limit reached. The amounts are those the pool
 * would return — to the wei — and the fee's split with the protocol does not change them.
 */
public final class SwapSimulator {

    private static final BigInteger MAX_UINT128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private SwapSimulator() {
    }

    /**
     * A swap's outcome from the pool's side, as {@code swap} returns it: {@code amount0} / {@code amount1} positive for
     * what the pool receives, negative for what it pays; the pool after it; the total fee taken in the input token; and
     * how many initialized ticks were crossed.
     */
    public record SwapResult(BigInteger amount0, BigInteger amount1, PoolState after, BigInteger feeAmount, int ticksCrossed) {
    }

    /** Sells exactly {@code amountIn} of token0 ({@code zeroForOne}) or token1, without a price limit. */
    public static SwapResult exactInput(PoolState pool, boolean zeroForOne, BigInteger amountIn) {
        return swap(pool, zeroForOne, requirePositive(amountIn), noLimit(zeroForOne));
    }

    /** Buys exactly {@code amountOut} of token1 ({@code zeroForOne}) or token0, without a price limit. */
    public static SwapResult exactOutput(PoolState pool, boolean zeroForOne, BigInteger amountOut) {
        return swap(pool, zeroForOne, requirePositive(amountOut).negate(), noLimit(zeroForOne));
    }

    /** The widest price limit the pool accepts in this direction. */
    public static BigInteger noLimit(boolean zeroForOne) {
        return zeroForOne ? TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE) : TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE);
    }

    /**
     * {@code swap(recipient, zeroForOne, amountSpecified, sqrtPriceLimitX96)}: {@code amountSpecified} positive for an
     * exact input, negative for an exact output; the swap stops early at {@code sqrtPriceLimitX96}.
     */
    public static SwapResult swap(PoolState pool, boolean zeroForOne, BigInteger amountSpecified, BigInteger sqrtPriceLimitX96) {
        if (amountSpecified.signum() == 0) {
            throw new ArithmeticException("AS: zero amount");
        }
        BigInteger price = pool.sqrtPriceX96();
        boolean limitValid = zeroForOne
                ? sqrtPriceLimitX96.compareTo(price) < 0 && sqrtPriceLimitX96.compareTo(TickMath.MIN_SQRT_RATIO) > 0
                : sqrtPriceLimitX96.compareTo(price) > 0 && sqrtPriceLimitX96.compareTo(TickMath.MAX_SQRT_RATIO) < 0;
        if (!limitValid) {
            throw new ArithmeticException("SPL: price limit " + sqrtPriceLimitX96 + " on the wrong side of " + price);
        }
        boolean exactInput = amountSpecified.signum() > 0;
        BigInteger remaining = amountSpecified;
        BigInteger calculated = BigInteger.ZERO;
        BigInteger liquidity = pool.liquidity();
        BigInteger fees = BigInteger.ZERO;
        int tick = pool.tick();
        int crossed = 0;
        while (remaining.signum() != 0 && !price.equals(sqrtPriceLimitX96)) {
            BigInteger stepStart = price;
            PoolState.NextTick next = pool.nextInitializedTickWithinOneWord(tick, zeroForOne);
            int tickNext = Math.max(TickMath.MIN_TICK, Math.min(TickMath.MAX_TICK, next.tick()));
            BigInteger sqrtPriceNext = TickMath.getSqrtRatioAtTick(tickNext);
            boolean limitFirst = zeroForOne ? sqrtPriceNext.compareTo(sqrtPriceLimitX96) < 0 : sqrtPriceNext.compareTo(sqrtPriceLimitX96) > 0;
            SwapMath.Step step = SwapMath.computeSwapStep(price, limitFirst ? sqrtPriceLimitX96 : sqrtPriceNext, liquidity, remaining, pool.fee());
            price = step.sqrtRatioNextX96();
            if (exactInput) {
                remaining = remaining.subtract(step.amountIn().add(step.feeAmount()));
                calculated = calculated.subtract(step.amountOut());
            } else {
                remaining = remaining.add(step.amountOut());
                calculated = calculated.add(step.amountIn().add(step.feeAmount()));
            }
            fees = fees.add(step.feeAmount());
            if (price.equals(sqrtPriceNext)) {
                if (next.initialized()) {
                    BigInteger net = pool.initializedTicks().get(next.tick());
                    liquidity = addDelta(liquidity, zeroForOne ? net.negate() : net);
                    crossed++;
                }
                tick = zeroForOne ? tickNext - 1 : tickNext;
            } else if (!price.equals(stepStart)) {
                tick = TickMath.getTickAtSqrtRatio(price);
            }
        }
        BigInteger specifiedUsed = amountSpecified.subtract(remaining);
        BigInteger amount0 = zeroForOne == exactInput ? specifiedUsed : calculated;
        BigInteger amount1 = zeroForOne == exactInput ? calculated : specifiedUsed;
        return new SwapResult(amount0, amount1, pool.moved(price, tick, liquidity), fees, crossed);
    }

    /** LiquidityMath.addDelta: reverts below zero ("LS") or above uint128 ("LA"). */
    static BigInteger addDelta(BigInteger liquidity, BigInteger delta) {
        BigInteger sum = liquidity.add(delta);
        if (sum.signum() < 0 || sum.compareTo(MAX_UINT128) > 0) {
            throw new ArithmeticException(delta.signum() < 0 ? "LS: liquidity below zero" : "LA: liquidity overflow");
        }
        return sum;
    }

    private static BigInteger requirePositive(BigInteger amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        return amount;
    }
}

package io.lrtyield.common.dex.uniswap;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwapSimulatorTest {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final int FEE = 500;
    private static final int SPACING = 10;

    /** Price 1.0 (tick 0), one position [-600, 600) of L = 1000e18 and one [-60, 60) of 500e18. */
    private static PoolState pool() {
        TreeMap<Integer, BigInteger> ticks = new TreeMap<>();
        ticks.put(-600, eth(1000));
        ticks.put(600, eth(-1000));
        ticks.put(-60, eth(500));
        ticks.put(60, eth(-500));
        return new PoolState(BigInteger.ONE.shiftLeft(96), 0, eth(1500), FEE, SPACING, ticks,
                PoolState.minWord(SPACING), PoolState.maxWord(SPACING));
    }

    @Test
    void aSwapWithinOneRangeIsOneStep() {
        BigInteger amountIn = E18;
        SwapSimulator.SwapResult r = SwapSimulator.exactInput(pool(), true, amountIn);
        SwapMath.Step step = SwapMath.computeSwapStep(BigInteger.ONE.shiftLeft(96), TickMath.getSqrtRatioAtTick(-60), eth(1500), amountIn, FEE);
        assertEquals(amountIn, r.amount0());
        assertEquals(step.amountOut().negate(), r.amount1());
        assertEquals(step.sqrtRatioNextX96(), r.after().sqrtPriceX96());
        assertEquals(0, r.ticksCrossed());
        // fee: the 0.05 % of the input, rounded in the pool's favour
        assertEquals(FullMath.mulDivRoundingUp(step.amountIn(), BigInteger.valueOf(FEE), BigInteger.valueOf(1_000_000 - FEE)), step.feeAmount());
        assertEquals(amountIn, step.amountIn().add(step.feeAmount()));
    }

    @Test
    void aLargeSwapCrossesTheInitializedTicksAndLeavesTheLiquidityOfTheOuterRange() {
        SwapSimulator.SwapResult down = SwapSimulator.exactInput(pool(), true, eth(20));
        assertEquals(1, down.ticksCrossed());
        assertEquals(eth(1000), down.after().liquidity());
        assertTrue(down.after().tick() < -60 && down.after().tick() >= -600, "tick " + down.after().tick());
        SwapSimulator.SwapResult up = SwapSimulator.exactInput(pool(), false, eth(20));
        assertEquals(1, up.ticksCrossed());
        assertEquals(eth(1000), up.after().liquidity());
    }

    @Test
    void exactOutputOfAnExactInputsProceedsCostsNoMoreThanThatInput() {
        for (boolean zeroForOne : new boolean[] {true, false}) {
            for (BigInteger amount : new BigInteger[] {BigInteger.valueOf(1000), E18, eth(25)}) {
                SwapSimulator.SwapResult in = SwapSimulator.exactInput(pool(), zeroForOne, amount);
                BigInteger out = (zeroForOne ? in.amount1() : in.amount0()).negate();
                SwapSimulator.SwapResult back = SwapSimulator.exactOutput(pool(), zeroForOne, out);
                BigInteger paid = zeroForOne ? back.amount0() : back.amount1();
                BigInteger received = (zeroForOne ? back.amount1() : back.amount0()).negate();
                assertEquals(out, received);
                assertTrue(paid.compareTo(amount) <= 0 && paid.compareTo(amount.subtract(BigInteger.TWO)) >= 0,
                        zeroForOne + " " + amount + ": paid " + paid);
            }
        }
    }

    @Test
    void thePriceLimitStopsTheSwapWithAmountLeft() {
        BigInteger limit = TickMath.getSqrtRatioAtTick(-30);
        SwapSimulator.SwapResult r = SwapSimulator.swap(pool(), true, eth(100), limit);
        assertEquals(limit, r.after().sqrtPriceX96());
        assertTrue(r.amount0().compareTo(eth(100)) < 0);
        assertEquals(-30, r.after().tick());
        assertThrows(ArithmeticException.class, () -> SwapSimulator.swap(pool(), false, eth(1), limit));
    }

    @Test
    void aSwapPastAllLiquidityRunsToTheEndOfTheRange() {
        // beyond tick 600 there is no liquidity: the pool walks word by word to the price limit
        SwapSimulator.SwapResult r = SwapSimulator.swap(pool(), false, eth(1_000_000), TickMath.getSqrtRatioAtTick(5000));
        assertEquals(BigInteger.ZERO, r.after().liquidity());
        assertEquals(2, r.ticksCrossed());
        assertEquals(5000, r.after().tick());
    }

    @Test
    void aSwapThatNeedsAnUnreadBitmapWordCannotBeQuoted() {
        PoolState p = pool();
        PoolState narrow = new PoolState(p.sqrtPriceX96(), p.tick(), p.liquidity(), FEE, SPACING, p.initializedTicks(), -1, 0);
        assertThrows(IllegalStateException.class, () -> SwapSimulator.exactInput(narrow, false, eth(1_000_000)));
        SwapSimulator.exactInput(narrow, false, E18); // stays inside word 0
    }

    @Test
    void nextInitializedTickStopsAtTheWordEdge() {
        PoolState p = pool();
        // at tick 0 going down, the word of tick 0 (compressed 0..255) holds nothing at or below it: its edge, tick 0
        assertEquals(new PoolState.NextTick(0, false), p.nextInitializedTickWithinOneWord(0, true));
        assertEquals(new PoolState.NextTick(-60, true), p.nextInitializedTickWithinOneWord(-1, true));
        assertEquals(new PoolState.NextTick(60, true), p.nextInitializedTickWithinOneWord(0, false));
        assertEquals(new PoolState.NextTick(-600, true), p.nextInitializedTickWithinOneWord(-61, true));
        // word 2 holds compressed ticks 512..767: ticks 5120..7670, nothing initialized
        assertEquals(new PoolState.NextTick(7670, false), p.nextInitializedTickWithinOneWord(5120, false));
        assertEquals(new PoolState.NextTick(-2560, false), p.nextInitializedTickWithinOneWord(-601, true));
        assertEquals(-1, PoolState.wordOf(-1, SPACING));
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}

package io.lrtyield.common.dex.uniswap;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickMathTest {

    private static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);

    @Test
    void sqrtRatioAtTheEndsOfTheTickRange() {
        assertEquals(new BigInteger("4295128739"), TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK));
        assertEquals(new BigInteger("1461446703485210103287273052203988822378723970342"), TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK));
        assertEquals(new BigInteger("4295343490"), TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK + 1));
        assertEquals(new BigInteger("1461373636630004318706518188784493106690254656249"), TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK - 1));
    }

    @Test
    void sqrtRatioAtSmallTicks() {
        assertEquals(Q96, TickMath.getSqrtRatioAtTick(0));
        assertEquals(new BigInteger("79232123823359799118286999568"), TickMath.getSqrtRatioAtTick(1));
        assertEquals(new BigInteger("79224201403219477170569942574"), TickMath.getSqrtRatioAtTick(-1));
    }

    @Test
    void sqrtRatioIsCloseToTheExactPowerEverywhere() {
        MathContext mc = new MathContext(60);
        BigDecimal q96 = new BigDecimal(Q96);
        for (int tick : new int[] {-887272, -500000, -276324, -60000, -1000, -10, 7, 50, 1570, 10000, 276324, 600000, 887272}) {
            BigDecimal exact = BigDecimal.valueOf(1.0001).pow(tick, mc).sqrt(mc).multiply(q96, mc);
            BigDecimal got = new BigDecimal(TickMath.getSqrtRatioAtTick(tick));
            BigDecimal relative = got.subtract(exact).abs().divide(exact, mc);
            assertTrue(relative.compareTo(new BigDecimal("1e-9")) < 0, () -> "tick " + tick + ": " + got + " vs " + exact);
        }
    }

    @Test
    void sqrtRatioIsStrictlyIncreasing() {
        BigInteger previous = BigInteger.ZERO;
        for (int tick = -2000; tick <= 2000; tick += 7) {
            BigInteger ratio = TickMath.getSqrtRatioAtTick(tick);
            assertTrue(ratio.compareTo(previous) > 0, "tick " + tick);
            previous = ratio;
        }
    }

    @Test
    void ticksOutsideTheRangeRevert() {
        assertThrows(ArithmeticException.class, () -> TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK - 1));
        assertThrows(ArithmeticException.class, () -> TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK + 1));
    }

    @Test
    void tickAtSqrtRatioAtTheEnds() {
        assertEquals(TickMath.MIN_TICK, TickMath.getTickAtSqrtRatio(TickMath.MIN_SQRT_RATIO));
        assertEquals(TickMath.MAX_TICK - 1, TickMath.getTickAtSqrtRatio(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE)));
        assertThrows(ArithmeticException.class, () -> TickMath.getTickAtSqrtRatio(TickMath.MIN_SQRT_RATIO.subtract(BigInteger.ONE)));
        assertThrows(ArithmeticException.class, () -> TickMath.getTickAtSqrtRatio(TickMath.MAX_SQRT_RATIO));
    }

    @Test
    void tickAtSqrtRatioIsTheGreatestTickAtOrBelow() {
        for (int tick : new int[] {-887271, -200000, -1, 0, 1, 1570, 1571, 99999, 887271}) {
            BigInteger ratio = TickMath.getSqrtRatioAtTick(tick);
            assertEquals(tick, TickMath.getTickAtSqrtRatio(ratio));
            assertEquals(tick - 1, TickMath.getTickAtSqrtRatio(ratio.subtract(BigInteger.ONE)));
            assertEquals(tick, TickMath.getTickAtSqrtRatio(TickMath.getSqrtRatioAtTick(tick + 1).subtract(BigInteger.ONE)));
        }
        // sqrt(1.17) x 2^96, a wstETH/WETH-like price: tick floor(log_1.0001(1.17)) = 1570
        assertEquals(1570, TickMath.getTickAtSqrtRatio(new BigInteger("85698360721792202165268334881")));
    }
}

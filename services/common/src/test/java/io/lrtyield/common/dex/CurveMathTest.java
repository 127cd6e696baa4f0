package io.lrtyield.common.dex;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurveMathTest {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger AMP = BigInteger.valueOf(100 * 100);
    private static final BigInteger FEE = BigInteger.valueOf(1_000_000);

    @Test
    void balancedPoolIsAtPar() {
        BigInteger b = eth(5_000);
        assertEquals(E18, CurveMath.p(b, b, AMP));
        assertEquals(eth(10_000), CurveMath.d(b, b, AMP));
    }

    @Test
    void swapSizedForATargetPriceLandsOnIt() {
        BigInteger[] pool = {eth(5_000), eth(5_000)};
        BigInteger target = new BigInteger("970000000000000000");
        BigInteger dx = CurveMath.dxForPrice(pool, 1, target, AMP, FEE, eth(100_000));
        BigInteger[] after = CurveMath.afterSwap(pool, 1, dx, AMP, FEE);
        double price = CurveMath.p(after[0], after[1], AMP).doubleValue() / 1e18;
        assertTrue(Math.abs(price - 0.97) < 1e-6, "price " + price);
        BigInteger back = CurveMath.dxForPrice(after, 0, E18, AMP, FEE, eth(100_000));
        BigInteger[] restored = CurveMath.afterSwap(after, 0, back, AMP, FEE);
        assertTrue(Math.abs(CurveMath.p(restored[0], restored[1], AMP).doubleValue() / 1e18 - 1) < 1e-6);
    }

    @Test
    void unreachableTargetsAreCappedNotThrown() {
        BigInteger[] pool = {eth(2_000), eth(2_000)};
        BigInteger dx = CurveMath.dxForPrice(pool, 1, new BigInteger("10000000000000000"), AMP, FEE, eth(1_000_000));
        assertTrue(dx.compareTo(eth(4_000)) <= 0, "capped at the pool size: " + dx);
        assertEquals(BigInteger.ZERO.max(BigInteger.ZERO), CurveMath.dxForPrice(pool, 1, E18.add(E18), AMP, FEE, BigInteger.ZERO));
    }

    @Test
    void getDyIsWhatTheSwapPaysOut() {
        BigInteger[] pool = {eth(5_000), eth(5_200)};
        for (int i = 0; i < 2; i++) {
            BigInteger dx = eth(250);
            BigInteger dy = CurveMath.getDy(pool[0], pool[1], i, dx, AMP, FEE);
            BigInteger[] after = CurveMath.afterSwap(pool, i, dx, AMP, FEE);
            assertEquals(pool[1 - i].subtract(after[1 - i]), dy, "coin " + i);
        }
        // a small trade in a balanced pool pays dx less the 1 bp fee and a price impact of order dx / (A × pool)
        BigInteger dy = CurveMath.getDy(eth(5_000), eth(5_000), 0, E18, AMP, FEE);
        assertTrue(Math.abs(dy.doubleValue() / 1e18 - 0.9999) < 5e-6, "dy " + dy);
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}

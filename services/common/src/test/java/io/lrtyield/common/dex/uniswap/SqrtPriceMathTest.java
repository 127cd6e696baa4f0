package io.lrtyield.common.dex.uniswap;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqrtPriceMathTest {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger PRICE_1 = BigInteger.ONE.shiftLeft(96);
    /** floor(sqrt(1.21) x 2^96) = floor(1.1 x 2^96) */
    private static final BigInteger PRICE_1_21 = new BigInteger("87150978765690771352898345369");

    @Test
    void amount1InMovesThePriceUpRoundedDown() {
        assertEquals(PRICE_1_21, SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, E18.divide(BigInteger.TEN), false));
    }

    @Test
    void amount0InMovesThePriceDownRoundedUp() {
        // 2^96 / 1.1 = 72025602285694852357767227578.18...
        assertEquals(new BigInteger("72025602285694852357767227579"),
                SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, E18.divide(BigInteger.TEN), true));
    }

    @Test
    void zeroAmountLeavesThePrice() {
        assertEquals(PRICE_1, SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, BigInteger.ZERO, true));
        assertEquals(PRICE_1, SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, BigInteger.ZERO, false));
    }

    @Test
    void outputBeyondTheVirtualReserveReverts() {
        // token0 reserve at L = 1e18, price 1 is 1e18: taking all of it is impossible
        assertThrows(ArithmeticException.class, () -> SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, E18, false));
        assertThrows(ArithmeticException.class, () -> SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, E18, true));
        assertThrows(ArithmeticException.class, () -> SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, BigInteger.ZERO, E18, true));
    }

    @Test
    void outputMovesThePriceAtLeastAsFarAsNeeded() {
        // taking 0.1 token1 at L = 1e18 from price 1: sqrt price falls by exactly 0.1 x 2^96, rounded up in the amount
        BigInteger next = SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, E18.divide(BigInteger.TEN), true);
        assertEquals(PRICE_1.subtract(FullMath.divRoundingUp(PRICE_1, BigInteger.TEN)), next);
    }

    @Test
    void amount0Delta() {
        assertEquals(new BigInteger("90909090909090910"), SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1_21, E18, true));
        assertEquals(new BigInteger("90909090909090909"), SqrtPriceMath.getAmount0Delta(PRICE_1_21, PRICE_1, E18, false));
        assertEquals(BigInteger.ZERO, SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1, E18, true));
        assertEquals(new BigInteger("-90909090909090909"), SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1_21, E18.negate()));
    }

    @Test
    void amount1Delta() {
        assertEquals(new BigInteger("100000000000000000"), SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_1_21, E18, true));
        assertEquals(new BigInteger("99999999999999999"), SqrtPriceMath.getAmount1Delta(PRICE_1_21, PRICE_1, E18, false));
        assertEquals(new BigInteger("100000000000000000"), SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_1_21, E18));
    }

    @Test
    void mulDivRoundsAndRevertsLikeFullMath() {
        BigInteger max = FullMath.MAX_UINT256;
        assertEquals(max, FullMath.mulDiv(max, max, max));
        assertEquals(BigInteger.valueOf(3), FullMath.mulDivRoundingUp(BigInteger.valueOf(5), BigInteger.ONE, BigInteger.TWO));
        assertEquals(BigInteger.TWO, FullMath.mulDiv(BigInteger.valueOf(5), BigInteger.ONE, BigInteger.TWO));
        assertThrows(ArithmeticException.class, () -> FullMath.mulDiv(max, BigInteger.TWO, BigInteger.ONE));
        assertThrows(ArithmeticException.class, () -> FullMath.mulDiv(BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO));
        assertThrows(ArithmeticException.class, () -> FullMath.mulDivRoundingUp(max, max, max.subtract(BigInteger.ONE)));
    }
}

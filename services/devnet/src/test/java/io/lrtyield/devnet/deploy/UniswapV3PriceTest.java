package io.lrtyield.devnet.deploy;

import io.lrtyield.common.chain.reader.Slot0;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniswapV3PriceTest {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final String LOW = "0x00000000000000000000000000000000000000aa";
    private static final String HIGH = "0xFF000000000000000000000000000000000000aa";

    @Test
    void tokenOrderIsByAddressAsTheFactorySortsIt() {
        assertTrue(UniswapV3Price.assetIsToken0(LOW, HIGH));
        assertFalse(UniswapV3Price.assetIsToken0(HIGH, LOW));
        assertEquals(0, UniswapV3Price.coinIndex(LOW, HIGH));
        assertEquals(1, UniswapV3Price.coinIndex(HIGH, LOW));
    }

    @Test
    void parIsTwoToThe96AndTickZero() {
        BigInteger q96 = BigInteger.ONE.shiftLeft(96);
        assertEquals(q96, UniswapV3Price.sqrtPriceX96(E18, true));
        assertEquals(q96, UniswapV3Price.sqrtPriceX96(E18, false));
        assertEquals(0, UniswapV3Price.tick(q96));
    }

    @Test
    void encodedPriceRoundTripsOnBothSidesAsTheReaderSeesIt() {
        BigInteger target = new BigInteger("1143527318290016847"); // 1.143527318290016847 WETH per asset
        BigDecimal expected = new BigDecimal(target, 18);
        // token0: the reader's price() is token1 (WETH) per token0 (asset)
        BigInteger s0 = UniswapV3Price.sqrtPriceX96(target, true);
        assertRelative(expected, new Slot0(s0, 0, 0, 1, 1, 0, true).price());
        // token1: the reader inverts, WETH (token0) per asset (token1)
        BigInteger s1 = UniswapV3Price.sqrtPriceX96(target, false);
        assertRelative(expected, new Slot0(s1, 0, 0, 1, 1, 0, true).inversePrice(30, RoundingMode.HALF_EVEN));
        assertRelative(expected, UniswapV3Price.wethPerAsset(s0, true, 30));
        assertRelative(expected, UniswapV3Price.wethPerAsset(s1, false, 30));
    }

    @Test
    void tickIsTheFloorOfLogBase1Point0001() {
        // ln(1.05) / ln(1.0001) = 487.92…
        assertEquals(487, UniswapV3Price.tick(UniswapV3Price.sqrtPriceX96(new BigInteger("1050000000000000000"), true)));
        assertEquals(-488, UniswapV3Price.tick(UniswapV3Price.sqrtPriceX96(new BigInteger("1050000000000000000"), false)));
    }

    private static void assertRelative(BigDecimal expected, BigDecimal actual) {
        BigDecimal rel = actual.subtract(expected).abs().divide(expected, MathContext.DECIMAL128);
        assertTrue(rel.compareTo(new BigDecimal("1e-24")) < 0, "expected " + expected + ", got " + actual + " (relative " + rel + ")");
    }
}

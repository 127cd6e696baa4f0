package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UniswapV3PoolStateReaderTest {

    private static String tick(BigInteger gross, BigInteger net, boolean initialized) {
        return word(gross) + word(net) + word(7) + word(9) + word(-123456) + word(5) + word(1700000000) + word(initialized ? 1 : 0);
    }

    @Test
    void decodesASignedLiquidityNet() {
        BigInteger net = new BigInteger("-200000000000000000000000");
        assertEquals(Read.of(net), UniswapV3PoolStateReader.TICK_LIQUIDITY_NET.decode(ok(tick(net.negate(), net, true))));
        assertEquals(Read.of(net.negate()), UniswapV3PoolStateReader.TICK_LIQUIDITY_NET.decode(ok(tick(net.negate(), net.negate(), true))));
    }

    @Test
    void aTickSetInTheBitmapButNotInitializedIsUnavailable() {
        assertUnavailable(UniswapV3PoolStateReader.TICK_LIQUIDITY_NET.decode(ok(tick(BigInteger.ZERO, BigInteger.ZERO, false))),
                "not initialized");
    }

    @Test
    void aLiquidityNetOutsideInt128IsUnavailable() {
        BigInteger tooBig = BigInteger.ONE.shiftLeft(127);
        assertUnavailable(UniswapV3PoolStateReader.TICK_LIQUIDITY_NET.decode(ok(tick(tooBig, tooBig, true))), "int128");
    }

    @Test
    void decodesFeeSpacingLiquidityAndBitmapWords() {
        assertEquals(Read.of(500), UniswapV3PoolStateReader.FEE.decode(ok(word(500))));
        assertEquals(Read.of(10), UniswapV3PoolStateReader.TICK_SPACING.decode(ok(word(10))));
        assertEquals(Read.of(BigInteger.TEN.pow(24)), UniswapV3PoolStateReader.LIQUIDITY.decode(ok(word(BigInteger.TEN.pow(24)))));
        BigInteger bits = BigInteger.ONE.shiftLeft(255).setBit(3);
        assertEquals(Read.of(bits), UniswapV3PoolStateReader.TICK_BITMAP.decode(ok(word(bits))));
        assertUnavailable(UniswapV3PoolStateReader.FEE.decode(ok(word(1 << 24))), "uint24");
    }
}

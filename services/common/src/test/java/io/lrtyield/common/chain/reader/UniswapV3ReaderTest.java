package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UniswapV3ReaderTest {

    static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);
    /** wstETH/WETH-like pool: sqrt(1.2178) · 2^96, floored. */
    static final BigInteger REALISTIC = new BigInteger("87431427377996636674577935358");

    static String slot0(BigInteger sqrtPriceX96, long tick, long index, long cardinality, long next, long feeProtocol, boolean unlocked) {
        return word(sqrtPriceX96) + word(tick) + word(index) + word(cardinality) + word(next) + word(feeProtocol) + word(unlocked ? 1 : 0);
    }

    @Test
    void decodesSlot0() {
        Read<Slot0> read = UniswapV3Reader.decodeSlot0(ok(slot0(REALISTIC, 1970, 17, 100, 120, 0, true)));
        assertEquals(Read.of(new Slot0(REALISTIC, 1970, 17, 100, 120, 0, true)), read);
    }

    @Test
    void sqrtPriceOfTwoPow96IsOne() {
        Slot0 slot0 = UniswapV3Reader.decodeSlot0(ok(slot0(Q96, 0, 0, 1, 1, 0, true))).value();
        assertEquals(new BigDecimal("1"), slot0.price());
        assertEquals(new BigDecimal("1.000000000000000000"), slot0.price(18, RoundingMode.DOWN));
        assertEquals(new BigDecimal("1.000000000000000000"), slot0.inversePrice(18, RoundingMode.DOWN));
    }

    /** Expected digits from an independent exact computation (Python Fraction(s*s, 2**192)). */
    @Test
    void realisticPriceExactTo18Decimals() {
        Slot0 slot0 = UniswapV3Reader.decodeSlot0(ok(slot0(REALISTIC, 1970, 17, 100, 120, 0, true))).value();
        assertEquals(new BigDecimal("1.217799999999999999"), slot0.price(18, RoundingMode.DOWN));
        assertEquals(new BigDecimal("1.217800000000000000"), slot0.price(18, RoundingMode.HALF_EVEN)); // 19th digit is 9
        assertEquals(new BigDecimal("1.2177999999999999999999999999741875453026786043149199184234714562202486296974065878971712998109956538629529678072694711361639156960156336259872589277732102264195646057487465441226959228515625"),
                slot0.price());
        assertEquals(new BigDecimal("0.821152898669732304"), slot0.inversePrice(18, RoundingMode.DOWN));
        // the exact value really is sqrtPriceX96^2 / 2^192
        assertEquals(new BigDecimal(REALISTIC.pow(2)),
                slot0.price().multiply(new BigDecimal(BigInteger.ONE.shiftLeft(192))).stripTrailingZeros());
    }

    @Test
    void negativeTickAndDecimalAdjustment() {
        // WETH(18)/USDT(6)-like: sqrtPriceX96 = 2^80 → raw price 2^-32; tick −221 819
        Slot0 slot0 = UniswapV3Reader.decodeSlot0(ok(slot0(BigInteger.ONE.shiftLeft(80), -221_819, 3, 50, 50, 0x44, true))).value();
        assertEquals(-221_819, slot0.tick());
        assertEquals(0x44, slot0.feeProtocol());
        assertEquals("0.00000000023283064365386962890625", slot0.price().toPlainString());
        assertEquals(new BigDecimal("232.83064365386962890625"), slot0.price(18, 6)); // USDT per WETH
    }

    @Test
    void usdcWethStylePrice() {
        // USDC(6)/WETH(18): sqrtPriceX96 = 20000 · 2^96 → raw 4e8 WETH-wei per USDC unit → 0.0004 WETH per USDC
        Slot0 slot0 = new Slot0(Q96.multiply(BigInteger.valueOf(20_000)), 198_000, 0, 1, 1, 0, true);
        assertEquals(new BigDecimal("400000000"), slot0.price());
        assertEquals(new BigDecimal("0.0004"), slot0.price(6, 18));
    }

    @Test
    void failures() {
        assertUnavailable(UniswapV3Reader.decodeSlot0(reverted()), "slot0(): call reverted");
        assertUnavailable(UniswapV3Reader.decodeSlot0(tooShort()), "slot0(): return data too short: 31 bytes, expected at least 224");
        assertUnavailable(UniswapV3Reader.decodeSlot0(ok(word(Q96), word(0))), "too short: 64 bytes");
        // sqrtPriceX96 wider than uint160
        assertUnavailable(UniswapV3Reader.decodeSlot0(ok(slot0(BigInteger.ONE.shiftLeft(160), 0, 0, 1, 1, 0, true))),
                "output 0 does not fit in uint160");
    }
}

package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CurveReaderTest {

    @Test
    void getDy() {
        assertEquals(Read.of(new BigInteger("999512345678901234")), CurveReader.decodeGetDy(ok(word("999512345678901234"))));
        assertUnavailable(CurveReader.decodeGetDy(reverted()), "get_dy(int128,int128,uint256): call reverted");
        assertUnavailable(CurveReader.decodeGetDy(tooShort()), "get_dy(int128,int128,uint256): return data too short");
    }

    @Test
    void priceOracle() {
        Read<FixedPoint> read = CurveReader.decodePriceOracle(ok(word("999712000000000001")));
        assertEquals(new BigDecimal("0.999712000000000001"), read.value().toBigDecimal());
        // the 2020 stETH pool has no price_oracle(): a call to a missing function reverts without data
        assertUnavailable(CurveReader.decodePriceOracle(reverted()), "price_oracle(): call reverted without data");
        assertUnavailable(CurveReader.decodePriceOracle(tooShort()), "price_oracle(): return data too short");
    }

    @Test
    void priceOracleNg() {
        assertEquals(Read.of(FixedPoint.wad(new BigInteger("1000100000000000000"))),
                CurveReader.decodePriceOracleNg(ok(word("1000100000000000000"))));
        assertUnavailable(CurveReader.decodePriceOracleNg(reverted()), "price_oracle(uint256): call reverted");
        assertUnavailable(CurveReader.decodePriceOracleNg(tooShort()), "price_oracle(uint256): return data too short");
    }

    @Test
    void balances() {
        assertEquals(Read.of(new BigInteger("45123456789012345678901")), CurveReader.decodeBalances(ok(word("45123456789012345678901"))));
        assertUnavailable(CurveReader.decodeBalances(reverted()), "balances(uint256): call reverted");
        assertUnavailable(CurveReader.decodeBalances(tooShort()), "balances(uint256): return data too short");
    }

    @Test
    void virtualPrice() {
        assertEquals(new BigDecimal("1.142345678901234567"),
                CurveReader.decodeGetVirtualPrice(ok(word("1142345678901234567"))).value().toBigDecimal());
        assertUnavailable(CurveReader.decodeGetVirtualPrice(reverted()), "get_virtual_price(): call reverted");
        assertUnavailable(CurveReader.decodeGetVirtualPrice(tooShort()), "get_virtual_price(): return data too short");
    }
}

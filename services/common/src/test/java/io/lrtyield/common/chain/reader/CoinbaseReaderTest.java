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

class CoinbaseReaderTest {

    @Test
    void decodesTheRate() {
        Read<FixedPoint> read = CoinbaseReader.decodeExchangeRate(ok(word("1095123456789012345")));
        assertEquals(Read.of(FixedPoint.wad(new BigInteger("1095123456789012345"))), read);
        assertEquals(new BigDecimal("1.095123456789012345"), read.value().toBigDecimal());
    }

    @Test
    void revertedIsUnavailable() {
        assertUnavailable(CoinbaseReader.decodeExchangeRate(reverted()), "exchangeRate(): call reverted");
    }

    @Test
    void tooShortIsUnavailable() {
        assertUnavailable(CoinbaseReader.decodeExchangeRate(tooShort()), "exchangeRate(): return data too short: 31 bytes, expected at least 32");
    }
}

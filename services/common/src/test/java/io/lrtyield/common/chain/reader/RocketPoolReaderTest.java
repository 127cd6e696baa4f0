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

class RocketPoolReaderTest {

    @Test
    void decodesTheRate() {
        Read<FixedPoint> read = RocketPoolReader.decodeGetExchangeRate(ok(word("1137712345678901234")));
        assertEquals(Read.of(FixedPoint.wad(new BigInteger("1137712345678901234"))), read);
        assertEquals(new BigDecimal("1.137712345678901234"), read.value().toBigDecimal());
    }

    @Test
    void revertedIsUnavailable() {
        assertUnavailable(RocketPoolReader.decodeGetExchangeRate(reverted()), "getExchangeRate(): call reverted");
    }

    @Test
    void tooShortIsUnavailable() {
        assertUnavailable(RocketPoolReader.decodeGetExchangeRate(tooShort()), "getExchangeRate(): return data too short: 31 bytes, expected at least 32");
    }
}

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

class EtherFiReaderTest {

    @Test
    void decodesTheRate() {
        Read<FixedPoint> read = EtherFiReader.decodeGetRate(ok(word("1069876543210987654")));
        assertEquals(Read.of(FixedPoint.wad(new BigInteger("1069876543210987654"))), read);
        assertEquals(new BigDecimal("1.069876543210987654"), read.value().toBigDecimal());
    }

    @Test
    void revertedIsUnavailable() {
        assertUnavailable(EtherFiReader.decodeGetRate(reverted()), "getRate(): call reverted");
    }

    @Test
    void tooShortIsUnavailable() {
        assertUnavailable(EtherFiReader.decodeGetRate(tooShort()), "getRate(): return data too short: 31 bytes, expected at least 32");
    }
}

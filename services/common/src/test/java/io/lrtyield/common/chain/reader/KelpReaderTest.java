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

class KelpReaderTest {

    @Test
    void decodesTheRate() {
        Read<FixedPoint> read = KelpReader.decodeRsEthPrice(ok(word("1051234567890123456")));
        assertEquals(Read.of(FixedPoint.wad(new BigInteger("1051234567890123456"))), read);
        assertEquals(new BigDecimal("1.051234567890123456"), read.value().toBigDecimal());
    }

    @Test
    void revertedIsUnavailable() {
        assertUnavailable(KelpReader.decodeRsEthPrice(reverted()), "rsETHPrice(): call reverted");
    }

    @Test
    void tooShortIsUnavailable() {
        assertUnavailable(KelpReader.decodeRsEthPrice(tooShort()), "rsETHPrice(): return data too short: 31 bytes, expected at least 32");
    }
}

package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import static io.lrtyield.common.chain.reader.Words.E18;
import static io.lrtyield.common.chain.reader.Words.addressWord;
import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendleReaderTest {

    static final String TREASURY = "0x8270400d528c34e1596EF367eeDEc99080A1b592";
    static final BigInteger TOTAL_PT = new BigInteger("1000000").multiply(E18);
    static final BigInteger TOTAL_SY = new BigInteger("900000").multiply(E18);
    static final BigInteger TOTAL_LP = new BigInteger("950000").multiply(E18);
    static final BigInteger SCALAR_ROOT = new BigInteger("11920000000000000000");
    static final BigInteger LN_FEE_RATE_ROOT = new BigInteger("800000000000000");
    static final BigInteger LN_IMPLIED_RATE = new BigInteger("50000000000000000");       // 0.05e18
    static final long EXPIRY = 1_767_225_600L;                                            // 2026-01-01T00:00:00Z

    static String state(BigInteger scalarRoot) {
        return word(TOTAL_PT) + word(TOTAL_SY) + word(TOTAL_LP) + addressWord(TREASURY) + word(scalarRoot)
                + word(EXPIRY) + word(LN_FEE_RATE_ROOT) + word(80) + word(LN_IMPLIED_RATE);
    }

    @Test
    void decodesReadState() {
        PendleState expected = new PendleState(TOTAL_PT, TOTAL_SY, TOTAL_LP, TREASURY.toLowerCase(), SCALAR_ROOT,
                Instant.parse("2026-01-01T00:00:00Z"), LN_FEE_RATE_ROOT, BigInteger.valueOf(80), LN_IMPLIED_RATE);
        Read<PendleState> read = PendleReader.decodeReadState(ok(state(SCALAR_ROOT)));
        assertEquals(Read.of(expected), read);
        assertEquals(new BigDecimal("0.050000000000000000"), read.value().lastLnImpliedRateDecimal());
        assertFalse(read.value().isExpiredAt(Instant.parse("2025-12-31T23:59:59Z")));
        assertTrue(read.value().isExpiredAt(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void int256FieldsAreSigned() {
        PendleState state = PendleReader.decodeReadState(ok(state(BigInteger.valueOf(-5)))).value();
        assertEquals(BigInteger.valueOf(-5), state.scalarRoot());
    }

    @Test
    void readStateFailures() {
        assertUnavailable(PendleReader.decodeReadState(reverted()), "readState(address): call reverted");
        assertUnavailable(PendleReader.decodeReadState(tooShort()), "readState(address): return data too short");
        assertUnavailable(PendleReader.decodeReadState(ok(state(SCALAR_ROOT).substring(0, 64 * 8))), "too short: 256 bytes, expected at least 288");
    }

    @Test
    void decodesReadTokens() {
        String sy = "0xC4ed348c56223C5953939e932E315F9d72Cd83fF";
        String pt = "0x1111111111111111111111111111111111111111";
        String yt = "0x2222222222222222222222222222222222222222";
        assertEquals(Read.of(new PendleTokens(sy.toLowerCase(), pt, yt)),
                PendleReader.decodeReadTokens(ok(addressWord(sy), addressWord(pt), addressWord(yt))));
        assertUnavailable(PendleReader.decodeReadTokens(reverted()), "readTokens(): call reverted");
        assertUnavailable(PendleReader.decodeReadTokens(ok(addressWord(sy))), "readTokens(): return data too short: 32 bytes, expected at least 96");
    }
}

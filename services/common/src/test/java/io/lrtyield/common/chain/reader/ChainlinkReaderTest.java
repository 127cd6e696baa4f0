package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ChainlinkReaderTest {

    static final BigInteger ROUND_ID = BigInteger.valueOf(6).shiftLeft(64).add(BigInteger.valueOf(12345)); // phase 6
    static final long STARTED = 1_767_225_600L;  // 2026-01-01T00:00:00Z
    static final long UPDATED = 1_767_225_611L;

    static String round(BigInteger answer) {
        return word(ROUND_ID) + word(answer) + word(STARTED) + word(UPDATED) + word(ROUND_ID);
    }

    @Test
    void decodesLatestRoundData() {
        ChainlinkRound expected = new ChainlinkRound(ROUND_ID, BigInteger.valueOf(345_012_345_678L),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:11Z"), ROUND_ID);
        Read<ChainlinkRound> read = ChainlinkReader.decodeLatestRoundData(ok(round(BigInteger.valueOf(345_012_345_678L))));
        assertEquals(Read.of(expected), read);
        assertEquals(BigInteger.valueOf(6), read.value().phaseId());
        assertEquals(BigInteger.valueOf(12345), read.value().aggregatorRoundId());
    }

    @Test
    void usdAnswerScaledByEightDecimalsExactly() {
        Read<ChainlinkPrice> price = ChainlinkReader.decodePrice(ok(round(BigInteger.valueOf(345_012_345_678L))), ok(word(8)));
        assertEquals(8, price.value().decimals());
        assertEquals(new BigDecimal("3450.12345678"), price.value().answer());
        assertEquals("3450.12345678", price.value().answer().toPlainString());
    }

    @Test
    void ethAnswerScaledByEighteenDecimalsExactly() {
        Read<ChainlinkPrice> price = ChainlinkReader.decodePrice(ok(round(new BigInteger("999712345678901234"))), ok(word(18)));
        assertEquals("0.999712345678901234", price.value().answer().toPlainString());
        assertEquals(FixedPoint.wad(new BigInteger("999712345678901234")), price.value().answerFixedPoint());
    }

    @Test
    void negativeAnswerIsSigned() {
        Read<ChainlinkPrice> price = ChainlinkReader.decodePrice(ok(round(BigInteger.valueOf(-150_000_000L))), ok(word(8)));
        assertEquals("-1.50000000", price.value().answer().toPlainString());
    }

    @Test
    void zeroRoundFieldsOfExchangeRateAdapters() {
        String adapter = word(0) + word(new BigInteger("1050000000000000000")) + word(0) + word(0) + word(0);
        ChainlinkRound round = ChainlinkReader.decodeLatestRoundData(ok(adapter)).value();
        assertEquals(Instant.EPOCH, round.updatedAt());
        assertEquals(new BigDecimal("1.050000000000000000"), round.scaledAnswer(18));
    }

    @Test
    void decimals() {
        assertEquals(Read.of(18), ChainlinkReader.decodeDecimals(ok(word(18))));
        assertUnavailable(ChainlinkReader.decodeDecimals(reverted()), "decimals(): call reverted");
        assertUnavailable(ChainlinkReader.decodeDecimals(tooShort()), "decimals(): return data too short");
    }

    @Test
    void failures() {
        assertUnavailable(ChainlinkReader.decodeLatestRoundData(reverted()), "latestRoundData(): call reverted");
        assertUnavailable(ChainlinkReader.decodeLatestRoundData(ok(word(1), word(2), word(3), word(4))),
                "latestRoundData(): return data too short: 128 bytes, expected at least 160");
        assertUnavailable(ChainlinkReader.decodePrice(ok(round(BigInteger.ONE)), reverted()), "decimals(): call reverted");
        // updatedAt far beyond any Instant
        String absurd = word(1) + word(1) + word(0) + word(BigInteger.ONE.shiftLeft(200)) + word(1);
        assertUnavailable(ChainlinkReader.decodeLatestRoundData(ok(absurd)), "latestRoundData(): unusable value");
    }
}

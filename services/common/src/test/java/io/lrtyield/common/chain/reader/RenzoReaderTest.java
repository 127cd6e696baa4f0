package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

import static io.lrtyield.common.chain.reader.Words.E18;
import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RenzoReaderTest {

    static final BigInteger TOTAL_TVL = new BigInteger("1234567890123456789012345");   // ≈1.23M ETH
    static final BigInteger SUPPLY = new BigInteger("1200000000000000000000000");      // 1.2M ezETH

    /** calculateTVLs() returning ([[100e18, 200e18], [50e18]], [300e18, 50e18], TOTAL_TVL), laid out by hand. */
    static final String TVLS = word(0x60)             // head: offset of uint256[][]
            + word(0x160)                                // head: offset of uint256[] (0x60 + 8 words)
            + word(TOTAL_TVL)                            // head: totalTVL
            + word(2)                                    // @0x60 outer length
            + word(0x40)                                 // offset of row 0, relative to 0x80
            + word(0xa0)                                 // offset of row 1 (0x40 + 3 words)
            + word(2) + word(E18.multiply(BigInteger.valueOf(100))) + word(E18.multiply(BigInteger.valueOf(200)))
            + word(1) + word(E18.multiply(BigInteger.valueOf(50)))
            + word(2) + word(E18.multiply(BigInteger.valueOf(300))) + word(E18.multiply(BigInteger.valueOf(50)));

    @Test
    void handLayoutIsTheAbiEncoding() {
        String encoded = FunctionEncoder.encodeConstructor(List.of(
                new DynamicArray<>(DynamicArray.class, List.of(
                        new DynamicArray<>(Uint256.class, List.of(new Uint256(E18.multiply(BigInteger.valueOf(100))), new Uint256(E18.multiply(BigInteger.valueOf(200))))),
                        new DynamicArray<>(Uint256.class, List.of(new Uint256(E18.multiply(BigInteger.valueOf(50))))))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(E18.multiply(BigInteger.valueOf(300))), new Uint256(E18.multiply(BigInteger.valueOf(50))))),
                new Uint256(TOTAL_TVL)));
        assertEquals(encoded, TVLS);
    }

    @Test
    void decodesCalculateTvls() {
        RenzoTvls expected = new RenzoTvls(
                List.of(List.of(E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(200))), List.of(E18.multiply(BigInteger.valueOf(50)))),
                List.of(E18.multiply(BigInteger.valueOf(300)), E18.multiply(BigInteger.valueOf(50))),
                TOTAL_TVL);
        assertEquals(Read.of(expected), RenzoReader.decodeCalculateTvls(ok(TVLS)));
    }

    @Test
    void emptyOperatorListsDecode() {
        Read<RenzoTvls> read = RenzoReader.decodeCalculateTvls(ok(word(0x60), word(0x80), word(7), word(0), word(0)));
        assertEquals(Read.of(new RenzoTvls(List.of(), List.of(), BigInteger.valueOf(7))), read);
    }

    /**
     * rate = totalTVL * 1e18 / totalSupply, truncated (RoundingMode.DOWN, as Solidity's integer division):
     * 1234567890123456789012345e18 / 1200000000000000000000000 = 1.028806575102880657|5102880658…
     */
    @Test
    void ezEthRateIsExactAndTruncated() {
        Read<EzEthRate> read = RenzoReader.decodeEzEthRate(ok(TVLS), ok(word(SUPPLY)));
        EzEthRate rate = read.value();
        assertEquals(TOTAL_TVL, rate.totalTvl());
        assertEquals(SUPPLY, rate.totalSupply());
        assertEquals(new BigInteger("1028806575102880657"), rate.rate().raw());
        assertEquals(new BigDecimal("1.028806575102880657"), rate.rateDecimal());
        assertEquals(18, rate.rateDecimal().scale());
        BigDecimal exactQuotient = new BigDecimal(TOTAL_TVL).divide(new BigDecimal(SUPPLY), 18, RoundingMode.DOWN);
        assertEquals(exactQuotient, rate.rateDecimal());
        assertNotEquals(new BigDecimal(TOTAL_TVL).divide(new BigDecimal(SUPPLY), 18, RoundingMode.HALF_UP), rate.rateDecimal());
    }

    @Test
    void ezEthRateIsUnavailableIfEitherReadIs() {
        assertUnavailable(RenzoReader.decodeEzEthRate(reverted(), ok(word(SUPPLY))), "calculateTVLs(): call reverted");
        assertUnavailable(RenzoReader.decodeEzEthRate(ok(TVLS), tooShort()), "totalSupply(): return data too short");
        assertUnavailable(RenzoReader.decodeEzEthRate(reverted(), reverted()), "calculateTVLs()", "; totalSupply()");
    }

    @Test
    void zeroSupplyGivesNoRate() {
        assertUnavailable(RenzoReader.decodeEzEthRate(ok(TVLS), ok(word(0))), "ezETH totalSupply is zero");
    }

    @Test
    void calculateTvlsFailures() {
        assertUnavailable(RenzoReader.decodeCalculateTvls(reverted()), "calculateTVLs(): call reverted");
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(word(0x60), word(0x80))), "too short: 64 bytes, expected at least 96");
        // truncated tail: the outer array claims 2 rows but the data ends
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(TVLS.substring(0, 64 * 6))), "malformed return data");
    }
}

package io.lrtyield.common.rate;

import io.lrtyield.common.event.RatePoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.*;

class AprMathTest {

    private static final long DAY = 86_400L;
    private static final long YEAR = 365 * DAY;

    private static RatePoint at(long timestamp, String rate) {
        return new RatePoint(timestamp / 12, timestamp, new BigDecimal(rate));
    }

    @Test
    void oneDayOfOneBasisPointIsExactly365Bps() {
        BigDecimal apr = AprMath.apr(at(0, "1.0"), at(DAY, "1.0001"));
        assertEquals(new BigDecimal("0.036500000000000000"), apr);
        assertEquals(18, apr.scale());
    }

    @Test
    void oneYearSpanIsPlainGrowth() {
        assertEquals(new BigDecimal("0.035000000000000000"), AprMath.apr(at(1_000, "1.2"), at(1_000 + YEAR, "1.242")));
    }

    @Test
    void halfYearIsAnnualised() {
        // 1.15 → 1.17 over half a year: 0.02/1.15 × 2 = 0.034782608695652173913… → 18 decimals, half-even
        assertEquals(new BigDecimal("0.034782608695652174"), AprMath.apr(at(0, "1.15"), at(YEAR / 2, "1.17")));
    }

    @Test
    void fallingRateGivesNegativeApr() {
        assertEquals(new BigDecimal("-0.036500000000000000"), AprMath.apr(at(0, "1.0"), at(DAY, "0.9999")));
    }

    @Test
    void flatRateGivesZero() {
        assertEquals(0, AprMath.apr(at(0, "1.1"), at(DAY, "1.1")).signum());
    }

    @Test
    void nonPositiveSpanIsRejected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> AprMath.apr(at(DAY, "1.0"), at(DAY, "1.0001")));
        assertTrue(zero.getMessage().contains("positive time span, got 0 s"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AprMath.apr(at(DAY, "1.0"), at(DAY - 1, "1.0001")));
    }

    @Test
    void nonPositiveStartRateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AprMath.apr(at(0, "0"), at(DAY, "1.0")));
        assertThrows(IllegalArgumentException.class, () -> AprMath.apr(at(0, "-1.0"), at(DAY, "1.0")));
    }

    @Test
    void apyCompoundsDaily() {
        // independent: (1 + 0.0365/365)^365 − 1 = 1.0001^365 − 1, computed exactly (no MathContext)
        BigDecimal exact = new BigDecimal("1.0001").pow(365).subtract(BigDecimal.ONE);
        BigDecimal apy = AprMath.apy(new BigDecimal("0.0365"));
        assertTrue(apy.subtract(exact).abs().compareTo(new BigDecimal("1e-15")) < 0, apy + " vs " + exact);
        assertEquals(new BigDecimal("0.037172411302551930"), apy);
        assertEquals(exact.setScale(18, RoundingMode.HALF_EVEN), apy);
    }

    @Test
    void apyOfArbitraryAprMatchesHighPrecisionReference() {
        BigDecimal apr = new BigDecimal("0.035");
        MathContext mc = new MathContext(80);
        BigDecimal reference = BigDecimal.ONE.add(apr.divide(BigDecimal.valueOf(365), mc)).pow(365, mc).subtract(BigDecimal.ONE);
        assertTrue(AprMath.apy(apr).subtract(reference).abs().compareTo(new BigDecimal("1e-15")) < 0);
        assertEquals(new BigDecimal("0.035617971057178174"), AprMath.apy(apr));
    }

    @Test
    void apyOfZeroAndNegativeApr() {
        assertEquals(new BigDecimal("0.000000000000000000"), AprMath.apy(BigDecimal.ZERO));
        BigDecimal negative = AprMath.apy(new BigDecimal("-0.0365"));
        BigDecimal exact = new BigDecimal("0.9999").pow(365).subtract(BigDecimal.ONE);
        assertEquals(exact.setScale(18, RoundingMode.HALF_EVEN), negative);
        assertTrue(negative.signum() < 0);
    }

    @Test
    void fixedPointIsExact() {
        assertEquals(new BigDecimal("1.181234567890123456"), AprMath.fromFixedPoint(new BigInteger("1181234567890123456"), 18));
        assertEquals(new BigDecimal("1.000000"), AprMath.fromFixedPoint(BigInteger.valueOf(1_000_000), 6));
    }
}

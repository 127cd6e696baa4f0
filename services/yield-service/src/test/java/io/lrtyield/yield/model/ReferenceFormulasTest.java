package io.lrtyield.yield.model;

import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.rate.AprMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's formulas (shared/reference/mainnet-contracts.md §10) against independent double-precision
 * computations to 1e-9 relative, on the reference's illustrative inputs and on inputs of our own; and the
 * illustrative results at the precision the reference prints them.
 */
class ReferenceFormulasTest {

    private static final double YEAR = 31_536_000d;

    static void assertRelative(double expected, BigDecimal actual, String what) {
        double relative = Math.abs(actual.doubleValue() - expected) / Math.abs(expected);
        assertTrue(relative < 1e-9, what + ": expected " + expected + ", got " + actual + " (relative error " + relative + ")");
    }

    // ---- §10.1 exchange rate ----

    @Test
    void lidoSingleRebaseIllustrationGivesAbout3_0286PercentApr() {
        // §10.3: share rate before and after one day's rebase
        MathContext mc = new MathContext(40);
        BigDecimal pre = new BigDecimal("9500000").divide(new BigDecimal("8100000"), mc);
        BigDecimal post = new BigDecimal("9500800").divide(new BigDecimal("8100010"), mc);
        BigDecimal apr = AprMath.apr(new RatePoint(1, 0, pre), new RatePoint(2, 86_400, post));
        double expected = ((9500800d / 8100010d) / (9500000d / 8100000d) - 1) * 365;
        assertRelative(expected, apr, "APR");
        assertEquals(new BigDecimal("0.030286"), apr.setScale(6, java.math.RoundingMode.HALF_EVEN));
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1.000087671, 86400", "1.151234, 1.151894, 604800", "1.0321, 1.0347, 2592000", "1.2, 1.19, 604800"})
    void exchangeRateAprAndCompoundedApy(String r0, String r1, long seconds) {
        double growth = Double.parseDouble(r1) / Double.parseDouble(r0);
        BigDecimal apr = AprMath.apr(new RatePoint(1, 1_000, new BigDecimal(r0)), new RatePoint(2, 1_000 + seconds, new BigDecimal(r1)));
        assertRelative((growth - 1) * YEAR / seconds, apr, "APR");
        BigDecimal apy = YieldMath.compoundedGrowthApy(new BigDecimal(r0), new BigDecimal(r1), seconds);
        assertRelative(Math.expm1(Math.log(growth) * YEAR / seconds), apy, "APY (r1/r0)^(year/Δt) − 1");
    }

    // ---- §10.4 Aave ----

    @Test
    void aaveIllustration() {
        BigInteger ray = new BigInteger("27500000000000000000000000"); // 0.0275 ray
        assertEquals(0, new BigDecimal("0.0275").compareTo(LendingRateMath.aaveApr(ray)));
        BigDecimal apy = LendingRateMath.aaveApy(ray);
        assertRelative(Math.expm1(YEAR * Math.log1p(0.0275 / YEAR)), apy, "deposit APY");
        assertEquals(new BigDecimal("0.0278816"), apy.setScale(7, java.math.RoundingMode.HALF_EVEN), "≈ 2.78816 %");
        // ≈ e^0.0275 − 1, as the reference says
        assertTrue(Math.abs(apy.doubleValue() - Math.expm1(0.0275)) < 1e-10);
    }

    @ParameterizedTest
    @CsvSource({"0", "1000000000000000000000000", "35120000000000000000000000", "123456789012345678901234567",
            "800000000000000000000000000"})
    void aaveRayToApyOwnInputs(String ray) {
        BigInteger rate = new BigInteger(ray);
        double apr = rate.doubleValue() / 1e27;
        BigDecimal apy = LendingRateMath.aaveApy(rate);
        if (rate.signum() == 0) {
            assertEquals(0, apy.signum());
            return;
        }
        assertRelative(Math.expm1(YEAR * Math.log1p(apr / YEAR)), apy, "APY of " + ray);
    }

    // ---- §10.5 Morpho ----

    @Test
    void morphoIllustration() {
        BigInteger perSecond = BigInteger.valueOf(1_268_391_679L);
        BigDecimal borrow = LendingRateMath.morphoBorrowApy(perSecond);
        assertRelative(Math.expm1(1_268_391_679e-18 * YEAR), borrow, "borrow APY");
        assertEquals(new BigDecimal("0.040811"), borrow.setScale(6, java.math.RoundingMode.HALF_EVEN), "≈ 4.0811 %");
        BigDecimal supply = LendingRateMath.morphoSupplyApy(borrow, BigInteger.valueOf(90), BigInteger.valueOf(100), BigInteger.ZERO);
        assertRelative(Math.expm1(1_268_391_679e-18 * YEAR) * 0.9, supply, "supply APY");
        assertEquals(new BigDecimal("0.036730"), supply.setScale(6, java.math.RoundingMode.HALF_EVEN), "≈ 3.6730 %");
    }

    @ParameterizedTest
    @CsvSource({"3170979198, 800, 1000, 100000000000000000", "634195839, 5, 10, 0", "15854895991, 999, 1000, 250000000000000000"})
    void morphoOwnInputs(long perSecond, long borrowed, long supplied, long feeWad) {
        BigDecimal borrow = LendingRateMath.morphoBorrowApy(BigInteger.valueOf(perSecond));
        double expectedBorrow = Math.expm1(perSecond * 1e-18 * YEAR);
        assertRelative(expectedBorrow, borrow, "borrow APY");
        BigDecimal supply = LendingRateMath.morphoSupplyApy(borrow, BigInteger.valueOf(borrowed), BigInteger.valueOf(supplied),
                BigInteger.valueOf(feeWad));
        assertRelative(expectedBorrow * borrowed / supplied * (1 - feeWad / 1e18), supply, "supply APY");
    }

    // ---- §10.6 Pendle ----

    @Test
    void pendleIllustration() {
        BigInteger ln = new BigInteger("50000000000000000"); // 0.05e18
        BigDecimal apy = PendleMath.impliedApy(ln);
        assertRelative(Math.expm1(0.05), apy, "implied APY");
        assertEquals(new BigDecimal("0.051271"), apy.setScale(6, java.math.RoundingMode.HALF_EVEN), "≈ 5.1271 %");
        long quarter = 31_536_000L / 4;
        BigDecimal pt = PendleMath.ptPrice(ln, quarter);
        assertRelative(Math.exp(-0.0125), pt, "PT price");
        assertEquals(new BigDecimal("0.987578"), pt.setScale(6, java.math.RoundingMode.HALF_EVEN));
        assertRelative(1 - Math.exp(-0.0125), PendleMath.ytPrice(ln, quarter), "YT price");
    }

    @ParameterizedTest
    @CsvSource({"73000000000000000, 15552000", "4500000000000000, 86400", "210000000000000000, 47304000"})
    void pendleOwnInputs(String lnWad, long secondsToExpiry) {
        double ln = Double.parseDouble(lnWad) / 1e18;
        assertRelative(Math.expm1(ln), PendleMath.impliedApy(new BigInteger(lnWad)), "implied APY");
        assertRelative(Math.exp(-ln * secondsToExpiry / YEAR), PendleMath.ptPrice(new BigInteger(lnWad), secondsToExpiry), "PT price");
    }

    @Test
    void ptAtOrAfterExpiryIsWorthOneAsset() {
        assertEquals(0, BigDecimal.ONE.compareTo(PendleMath.ptPrice(new BigInteger("50000000000000000"), 0)));
        assertEquals(0, BigDecimal.ONE.compareTo(PendleMath.ptPrice(new BigInteger("50000000000000000"), -10)));
    }

    // ---- the decimal functions themselves ----

    @ParameterizedTest
    @CsvSource({"0.0000001", "-0.3", "1", "2.5", "-7", "20"})
    void expAndLnAgreeWithDoubles(String x) {
        double v = Double.parseDouble(x);
        assertRelative(Math.exp(v), YieldMath.exp(new BigDecimal(x)), "exp");
        BigDecimal ln = YieldMath.ln(YieldMath.exp(new BigDecimal(x)));
        assertTrue(ln.subtract(new BigDecimal(x)).abs().compareTo(new BigDecimal("1e-30")) < 0, "ln(exp(x)) = x: " + ln);
    }
}

package io.lrtyield.common.lending.morpho;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static io.lrtyield.common.lending.morpho.MorphoMath.WAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Morpho market math against hand-computed values; {@code MorphoBlueRealIT} checks it against the contracts. */
class MorphoMarketMathTest {

    private static final BigInteger E18 = WAD;

    @Test
    void initialRateIsFourPercentAYearAndCompoundsToTheDocumentedApy() {
        // docs.morpho.org's example: 1,268,391,679 wei/s is 4.0000 % APR, 4.0811 % APY
        assertEquals(BigInteger.valueOf(1_268_391_679L), AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET);
        assertEquals(0.040811, InterestAccrual.borrowApy(AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET), 5e-7);
        assertEquals(BigInteger.valueOf(31_709_791L), AdaptiveCurveIrmModel.MIN_RATE_AT_TARGET);
        assertEquals(BigInteger.valueOf(63_419_583_967L), AdaptiveCurveIrmModel.MAX_RATE_AT_TARGET);
    }

    @Test
    void curveIsAQuarterAtZeroAndFourTimesAtFullUtilisation() {
        BigInteger r = AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET;
        assertEquals(r.divide(BigInteger.valueOf(4)), AdaptiveCurveIrmModel.curve(r, WAD.negate()));
        assertEquals(r, AdaptiveCurveIrmModel.curve(r, BigInteger.ZERO));
        assertEquals(r.multiply(BigInteger.valueOf(4)), AdaptiveCurveIrmModel.curve(r, WAD));
        // halfway above the target: 1 + 3 × 0.5 = 2.5 times
        assertEquals(r.multiply(BigInteger.valueOf(5)).divide(BigInteger.TWO), AdaptiveCurveIrmModel.curve(r, WAD.divide(BigInteger.TWO)));
    }

    @Test
    void expIsWithinItsSecondOrderErrorAndSaturatesAtTheBounds() {
        assertEquals(WAD, AdaptiveCurveIrmModel.exp(BigInteger.ZERO));
        for (double x : new double[] {-5, -1, -0.3, 0.2, 0.5, 1, 3, 10}) {
            BigInteger wad = new BigDecimal(x).multiply(new BigDecimal(WAD)).toBigInteger();
            double got = new BigDecimal(AdaptiveCurveIrmModel.exp(wad)).divide(new BigDecimal(WAD)).doubleValue();
            // e^r ≈ 1 + r + r²/2 with |r| ≤ ln2/2: relative error below (ln2/2)³/6 ≈ 0.7 %
            assertEquals(Math.exp(x), got, Math.exp(x) * 0.007, "e^" + x);
        }
        assertEquals(BigInteger.ZERO, AdaptiveCurveIrmModel.exp(new BigInteger("-42000000000000000000")));
        BigInteger top = AdaptiveCurveIrmModel.exp(new BigInteger("93859467695000404319"));
        assertEquals(top, AdaptiveCurveIrmModel.exp(new BigInteger("500000000000000000000")));
    }

    @Test
    void rateAtTargetRisesAboveTargetFallsBelowAndStaysBounded() {
        MarketState full = market(eth(100), eth(100), 0);
        MarketState idle = market(eth(100), eth(10), 0);
        MarketState atTarget = market(eth(100), eth(90), 0);
        BigInteger start = AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET;
        long day = 86_400;
        var up = AdaptiveCurveIrmModel.rates(start, full, day);
        var down = AdaptiveCurveIrmModel.rates(start, idle, day);
        var flat = AdaptiveCurveIrmModel.rates(start, atTarget, day);
        assertTrue(up.endRateAtTarget().compareTo(start) > 0);
        assertTrue(down.endRateAtTarget().compareTo(start) < 0);
        assertEquals(start, flat.endRateAtTarget());
        assertEquals(start, flat.avgBorrowRate());
        // at full utilisation for a day: e^(50/365) ≈ 1.1468 ×
        double growth = new BigDecimal(up.endRateAtTarget()).divide(new BigDecimal(start), java.math.MathContext.DECIMAL64).doubleValue();
        assertEquals(Math.exp(50.0 / 365), growth, 1e-3);
        // the average charged lies between start and end, times the curve's 4 at full utilisation
        assertTrue(up.avgBorrowRate().compareTo(start.multiply(BigInteger.valueOf(4))) > 0);
        assertTrue(up.avgBorrowRate().compareTo(up.endRateAtTarget().multiply(BigInteger.valueOf(4))) < 0);
        assertEquals(AdaptiveCurveIrmModel.MAX_RATE_AT_TARGET, AdaptiveCurveIrmModel.rates(start, full, 400 * day).endRateAtTarget());
        assertEquals(AdaptiveCurveIrmModel.MIN_RATE_AT_TARGET, AdaptiveCurveIrmModel.rates(start, idle, 4_000 * day).endRateAtTarget());
        // before the first accrual the market starts at the initial rate, whatever the elapsed time
        assertEquals(AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET, AdaptiveCurveIrmModel.rates(BigInteger.ZERO, full, day).endRateAtTarget());
    }

    @Test
    void accrualAddsTaylorCompoundedInterestAndMintsTheFeeAsShares() {
        BigInteger rate = AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET;
        MarketState m = new MarketState(eth(100), eth(100).multiply(MorphoMath.VIRTUAL_SHARES), eth(90),
                eth(90).multiply(MorphoMath.VIRTUAL_SHARES), 1_000, new BigInteger("100000000000000000"));
        MarketState after = InterestAccrual.accrue(m, rate, 1_000 + InterestAccrual.YEAR_SECONDS);
        BigInteger x = rate.multiply(BigInteger.valueOf(InterestAccrual.YEAR_SECONDS));
        BigInteger taylor = x.add(x.multiply(x).divide(WAD.shiftLeft(1))).add(x.multiply(x).divide(WAD.shiftLeft(1)).multiply(x).divide(WAD.multiply(BigInteger.valueOf(3))));
        BigInteger interest = eth(90).multiply(taylor).divide(WAD);
        assertEquals(eth(90).add(interest), after.totalBorrowAssets());
        assertEquals(eth(100).add(interest), after.totalSupplyAssets());
        assertEquals(1_000 + InterestAccrual.YEAR_SECONDS, after.lastUpdate());
        // the fee recipient's new shares are worth 10 % of the interest (to rounding)
        BigInteger feeShares = after.totalSupplyShares().subtract(m.totalSupplyShares());
        BigInteger feeAssets = MorphoMath.toAssetsDown(feeShares, after.totalSupplyAssets(), after.totalSupplyShares());
        assertTrue(interest.divide(BigInteger.TEN).subtract(feeAssets).abs().compareTo(BigInteger.TWO) <= 0);
        assertEquals(m, InterestAccrual.accrue(m, rate, 1_000));
        assertThrows(ArithmeticException.class, () -> InterestAccrual.accrue(m, rate, 999));
        // 4 % × 90 % × (1 − 10 %) = 3.24 % a year, per second
        assertEquals(0.0324, InterestAccrual.supplyRate(rate, m).doubleValue() * InterestAccrual.YEAR_SECONDS / 1e18, 1e-9);
    }

    @Test
    void healthFactorAndLiquidationIncentive() {
        BigInteger lltv = new BigInteger("945000000000000000");
        // 1/(1 − 0.3 × 0.055) = 1.016776817488561…; capped at 1.15 for low LLTVs
        assertEquals(new BigInteger("1016776817488561260"), PositionRisk.liquidationIncentiveFactor(lltv));
        assertEquals(PositionRisk.MAX_LIQUIDATION_INCENTIVE_FACTOR, PositionRisk.liquidationIncentiveFactor(new BigInteger("500000000000000000")));
        MarketState m = market(eth(100), eth(50), 0);
        BigInteger shares = MorphoMath.toSharesUp(eth(50), BigInteger.ZERO, BigInteger.ZERO);
        Position p = new Position(BigInteger.ZERO, shares, eth(40));
        BigInteger price = new BigInteger("1200000000000000000").multiply(E18); // 1.2 loan per collateral, scaled 1e36
        // 40 × 1.2 × 0.945 = 45.36 against 50 borrowed
        assertEquals(new BigDecimal("0.907200000000000000"), PositionRisk.healthFactor(p, m, price, lltv).orElseThrow());
        assertFalse(PositionRisk.healthy(p, m, price, lltv));
        assertTrue(PositionRisk.healthFactor(new Position(BigInteger.ZERO, BigInteger.ZERO, eth(1)), m, price, lltv).isEmpty());
        var liq = PositionRisk.seizing(eth(10), m, price, lltv);
        // repaid ≈ 10 × 1.2 / 1.0168 loan tokens
        assertEquals(12.0 / 1.016776817488561, liq.repaidAssets().doubleValue() / 1e18, 1e-9);
    }

    private static MarketState market(BigInteger supply, BigInteger borrow, long lastUpdate) {
        return new MarketState(supply, supply.multiply(MorphoMath.VIRTUAL_SHARES), borrow, borrow.multiply(MorphoMath.VIRTUAL_SHARES), lastUpdate,
                BigInteger.ZERO);
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}

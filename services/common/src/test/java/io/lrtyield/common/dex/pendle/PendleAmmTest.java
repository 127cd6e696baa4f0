package io.lrtyield.common.dex.pendle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PendleAmm} and {@link PendleLogExp} against the AMM's formulas evaluated independently, in 40-digit decimals
 * ({@link DecimalReference#exp}/{@link DecimalReference#ln}, no integer steps), and against reference §10.6.
 */
class PendleAmmTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final MathContext MC = new MathContext(40);
    static final BigDecimal YEAR = BigDecimal.valueOf(31_536_000);
    static final long NOW = 1_700_000_000L;
    static final long QUARTER = 31_536_000L / 4;
    /** ln(1.001), 1e18 */
    static final BigInteger LN_FEE = new BigInteger("999500333083533");

    /** 1,000 PT + 1,000 SY, ln implied rate 0.05, scalarRoot 20, fee ln(1.001), 80 % to the treasury, 0.25 year left. */
    static PendleAmm.Market market(BigInteger syIndex) {
        return new PendleAmm.Market(eth(1_000), eth(1_000), eth(20), NOW + QUARTER, LN_FEE, BigInteger.valueOf(80),
                new BigInteger("50000000000000000"), syIndex);
    }

    // ---- the formulas, in decimals ----

    static BigDecimal d(BigInteger wad) {
        return new BigDecimal(wad, 18);
    }

    static BigDecimal tYears(long seconds) {
        return BigDecimal.valueOf(seconds).divide(YEAR, MC);
    }

    static BigDecimal logit(BigDecimal p) {
        return DecimalReference.ln(p.divide(BigDecimal.ONE.subtract(p), MC));
    }

    /** Exchange rate (PT per asset) after {@code n} PT go to the account: ln(p/(1−p)) / scalar + anchor. */
    static BigDecimal rate(PendleAmm.Market m, BigDecimal n, long toExpiry) {
        BigDecimal pt = d(m.totalPt());
        BigDecimal asset = d(m.totalSy()).multiply(d(m.syIndex()), MC);
        BigDecimal scalar = d(m.scalarRoot()).divide(tYears(toExpiry), MC);
        BigDecimal anchor = DecimalReference.exp(d(m.lastLnImpliedRate()).multiply(tYears(toExpiry), MC))
                .subtract(logit(pt.divide(pt.add(asset), MC)).divide(scalar, MC));
        return logit(pt.subtract(n).divide(pt.add(asset), MC)).divide(scalar, MC).add(anchor);
    }

    static BigDecimal feeRate(PendleAmm.Market m, long toExpiry) {
        return DecimalReference.exp(d(m.lnFeeRateRoot()).multiply(tYears(toExpiry), MC));
    }

    /** Asset paid for n PT: n / E(n) × feeRate. */
    static BigDecimal buyCostAsset(PendleAmm.Market m, BigDecimal n, long toExpiry) {
        return n.divide(rate(m, n, toExpiry), MC).multiply(feeRate(m, toExpiry), MC);
    }

    static void assertRel(BigDecimal expected, BigInteger actualWad, double tolerance, String what) {
        assertRel(expected, d(actualWad), tolerance, what);
    }

    static void assertRel(BigDecimal expected, BigDecimal actual, double tolerance, String what) {
        double rel = expected.subtract(actual).abs().divide(expected.abs(), MC).doubleValue();
        assertTrue(rel <= tolerance, what + ": expected " + expected + ", got " + actual + " (relative " + rel + ")");
    }

    // ---- ln / exp ----

    @Test
    void lnIsTheExactValueTruncatedAndExpWithinTwoWei() {
        String[] xs = {"0.04", "0.5", "0.999999", "1", "1.000001", "1.0125", "1.5", "2", "7.389", "24", "1000"};
        for (String s : xs) {
            BigDecimal x = new BigDecimal(s);
            BigInteger wad = x.multiply(new BigDecimal(E18)).toBigIntegerExact();
            BigInteger exact = DecimalReference.ln(x).multiply(new BigDecimal(E18)).setScale(0, java.math.RoundingMode.DOWN).toBigInteger();
            assertTrue(PendleLogExp.ln(wad).subtract(exact).abs().compareTo(BigInteger.ONE) <= 0, "ln " + s + ": " + PendleLogExp.ln(wad) + " vs " + exact);
        }
        assertEquals(BigInteger.ZERO, PendleLogExp.ln(E18));
        for (String s : new String[] {"0", "0.0125", "0.05", "1", "-0.3", "5"}) {
            BigDecimal x = new BigDecimal(s);
            BigInteger got = PendleLogExp.exp(x.multiply(new BigDecimal(E18)).toBigIntegerExact());
            BigDecimal exact = DecimalReference.exp(x).multiply(new BigDecimal(E18));
            assertTrue(exact.subtract(new BigDecimal(got)).abs().compareTo(new BigDecimal(2).max(exact.multiply(new BigDecimal("1e-17")))) <= 0,
                    "exp " + s + ": " + got + " vs " + exact);
        }
        assertThrows(ArithmeticException.class, () -> PendleLogExp.ln(BigInteger.ZERO));
    }

    // ---- pre-compute: scalar, anchor, fee ----

    @Test
    void theAnchorHoldsTodaysImpliedRateAtTodaysProportion() {
        PendleAmm.Market m = market(E18);
        PendleAmm.PreCompute c = PendleAmm.preCompute(m, NOW);
        // rateScalar = scalarRoot × 365 days / timeToExpiry = 20 × 4, exact in integers
        assertEquals(eth(80), c.rateScalar());
        // at p = 1/2 the logit is 0: the anchor is e^(0.05 × 0.25)
        assertRel(DecimalReference.exp(new BigDecimal("0.0125")), c.rateAnchor(), 1e-17, "anchor");
        assertRel(DecimalReference.exp(new BigDecimal("0.00025").multiply(new BigDecimal("0.999500333083533"))), c.feeRate(), 1e-17, "fee rate");
        // no trade: the rate at today's proportion gives back lastLnImpliedRate (to a wei or two of rounding)
        BigInteger ln = PendleAmm.lnImpliedRate(m.totalPt(), c.totalAsset(), c.rateScalar(), c.rateAnchor(), c.timeToExpiry());
        assertTrue(ln.subtract(m.lastLnImpliedRate()).abs().compareTo(BigInteger.valueOf(10)) <= 0, "ln implied " + ln);

        // an unbalanced market (1,500 PT / 700 SY at index 1.07): the anchor solves e^(rt) − logit(p)/scalar
        PendleAmm.Market skewed = new PendleAmm.Market(eth(1_500), eth(700), eth(20), NOW + QUARTER, LN_FEE, BigInteger.valueOf(80),
                new BigInteger("50000000000000000"), new BigInteger("1070000000000000000"));
        PendleAmm.PreCompute s = PendleAmm.preCompute(skewed, NOW);
        assertEquals(eth(749), s.totalAsset());
        assertRel(rate(skewed, BigDecimal.ZERO, QUARTER), s.rateAnchor().add(PendleAmm.divDown(PendleAmm.logProportion(
                PendleAmm.divDown(eth(1_500), eth(2_249))), s.rateScalar())), 1e-15, "rate at no trade");
    }

    /** Reference §10.6: ln rate 0.05 → implied APY 5.1271 %; 0.25 year → PT price e^(−0.0125) = 0.987578. */
    @Test
    void referenceIllustrationHoldsAtZeroSize() {
        PendleAmm.Market m = market(E18);
        PendleAmm.PreCompute c = PendleAmm.preCompute(m, NOW);
        BigInteger spot = PendleAmm.exchangeRate(m.totalPt(), c.totalAsset(), c.rateScalar(), c.rateAnchor(), BigInteger.ZERO);
        BigDecimal ptPrice = BigDecimal.ONE.divide(d(spot), MC);
        assertEquals(new BigDecimal("0.987578"), ptPrice.setScale(6, java.math.RoundingMode.HALF_EVEN));
        assertRel(BigDecimal.valueOf(Math.exp(-0.0125)), ptPrice, 1e-15, "PT price");
        BigDecimal apy = DecimalReference.pow(d(spot), BigDecimal.valueOf(4)).subtract(BigDecimal.ONE);
        assertEquals(new BigDecimal("0.051271"), apy.setScale(6, java.math.RoundingMode.HALF_EVEN), "implied APY 5.1271 %");
        // the smallest trade pays the fee on top: 1 ETH buys 1/(price × feeRate) PT
        BigInteger out = PendleAmm.ptOutForExactSyIn(m, NOW, E18).orElseThrow();
        assertRel(d(spot).divide(feeRate(m, QUARTER), MC), out, 1e-3, "1 ETH at the spot price less the fee");
    }

    // ---- trades ----

    @Test
    void buyingPtCostsItsPriceAtTheNewProportionTimesTheFee() {
        PendleAmm.Market m = market(E18);
        PendleAmm.PreCompute c = PendleAmm.preCompute(m, NOW);
        for (long n : new long[] {1, 10, 100, 300}) {
            PendleAmm.Trade t = PendleAmm.calcTrade(m, c, eth(n));
            BigDecimal cost = buyCostAsset(m, BigDecimal.valueOf(n), QUARTER);
            assertRel(cost, t.netSyToAccount().negate(), 1e-12, "cost of " + n + " PT");
            BigDecimal fee = cost.subtract(cost.divide(feeRate(m, QUARTER), MC));
            assertRel(fee, t.netSyFee(), 1e-9, "fee of " + n + " PT");
            assertRel(fee.multiply(new BigDecimal("0.8")), t.netSyToReserve(), 1e-9, "treasury's 80 %");
        }
    }

    @Test
    void sellingPtPaysItsPriceAtTheNewProportionLessTheFee() {
        PendleAmm.Market m = market(E18);
        for (long n : new long[] {1, 100, 500}) {
            BigDecimal gross = BigDecimal.valueOf(n).divide(rate(m, BigDecimal.valueOf(-n), QUARTER), MC);
            BigDecimal net = gross.divide(feeRate(m, QUARTER), MC);
            assertRel(net, PendleAmm.syOutForExactPtIn(m, NOW, eth(n)), 1e-12, "proceeds of " + n + " PT");
        }
        // selling 1,000 more PT would make the proportion 2,000 / 2,000, past the 96 % cap: the market refuses
        assertThrows(PendleAmm.Revert.class, () -> PendleAmm.syOutForExactPtIn(market(E18), NOW, eth(1_000)));
    }

    @Test
    void exactInputBuysTheMostPtThatFitsAndMatchesTheContinuousSolution() {
        PendleAmm.Market m = market(E18);
        PendleAmm.PreCompute c = PendleAmm.preCompute(m, NOW);
        for (long in : new long[] {1, 10, 100, 150}) {
            BigInteger n = PendleAmm.ptOutForExactSyIn(m, NOW, eth(in)).orElseThrow();
            assertTrue(PendleAmm.calcTrade(m, c, n).netSyToAccount().negate().compareTo(eth(in)) <= 0, "fits");
            assertTrue(PendleAmm.calcTrade(m, c, n.add(BigInteger.ONE)).netSyToAccount().negate().compareTo(eth(in)) > 0, "the next wei does not");
            // the continuous root of cost(n) = in, by bisection in decimals
            BigDecimal lo = BigDecimal.ZERO;
            BigDecimal hi = BigDecimal.valueOf(2 * in);
            for (int i = 0; i < 120; i++) {
                BigDecimal mid = lo.add(hi).divide(BigDecimal.TWO, MC);
                if (buyCostAsset(m, mid, QUARTER).compareTo(BigDecimal.valueOf(in)) <= 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            assertRel(lo, n, 1e-12, "PT for " + in + " SY");
        }
        // about 465 PT take the rate to its floor of 1 (logit(p) = −0.0125 × 80): 500 SY cannot all be spent
        assertEquals(Optional.empty(), PendleAmm.ptOutForExactSyIn(m, NOW, eth(500)));
        assertEquals(Optional.of(BigInteger.ZERO), PendleAmm.ptOutForExactSyIn(m, NOW, BigInteger.ZERO));
    }

    @Test
    void theSyIndexConvertsSyToAssetBothWays() {
        BigInteger index = new BigInteger("1070000000000000000");
        PendleAmm.Market m = new PendleAmm.Market(eth(1_000), new BigDecimal("934.579439252336448598").multiply(new BigDecimal(E18)).toBigInteger(),
                eth(20), NOW + QUARTER, LN_FEE, BigInteger.valueOf(80), new BigInteger("50000000000000000"), index);
        PendleAmm.Trade t = PendleAmm.calcTrade(m, PendleAmm.preCompute(m, NOW), eth(50));
        BigDecimal costAsset = buyCostAsset(m, BigDecimal.valueOf(50), QUARTER);
        assertRel(costAsset.divide(new BigDecimal("1.07"), MC), t.netSyToAccount().negate(), 1e-12, "cost in SY = asset / index");
        assertEquals(BigInteger.valueOf(-2), PendleAmm.assetToSyUp(E18.add(E18), BigInteger.valueOf(-3)), "rounded up, sign kept");
        assertEquals(BigInteger.ONE, PendleAmm.assetToSy(E18.add(E18), BigInteger.valueOf(3)));
    }

    @Test
    void tradesMoveTheImpliedRateAndTimeAloneDoesNot() {
        PendleAmm.Market m = market(E18);
        PendleAmm.Market bought = PendleAmm.afterTrade(m, NOW, eth(100));
        PendleAmm.Market sold = PendleAmm.afterTrade(m, NOW, eth(-100));
        assertEquals(eth(900), bought.totalPt());
        assertTrue(bought.lastLnImpliedRate().compareTo(m.lastLnImpliedRate()) < 0, "buying PT lowers its yield");
        assertTrue(sold.lastLnImpliedRate().compareTo(m.lastLnImpliedRate()) > 0, "selling PT raises it");
        // the new rate is the curve's at the new proportion (the treasury's share leaves the market)
        PendleAmm.Trade t = PendleAmm.calcTrade(m, PendleAmm.preCompute(m, NOW), eth(100));
        assertEquals(m.totalSy().subtract(t.netSyToAccount()).subtract(t.netSyToReserve()), bought.totalSy());
        BigDecimal pt = d(bought.totalPt());
        BigDecimal p = pt.divide(pt.add(d(bought.totalSy())), MC);
        BigDecimal scalar = BigDecimal.valueOf(80);
        BigDecimal anchor = DecimalReference.exp(new BigDecimal("0.0125"));
        BigDecimal expected = DecimalReference.ln(logit(p).divide(scalar, MC).add(anchor)).multiply(BigDecimal.valueOf(4));
        assertRel(expected, bought.lastLnImpliedRate(), 1e-15, "ln implied rate after the buy");
        // an hour later, no trade: the anchor is re-solved and the rate holds
        PendleAmm.PreCompute later = PendleAmm.preCompute(bought, NOW + 3_600);
        BigInteger held = PendleAmm.lnImpliedRate(bought.totalPt(), later.totalAsset(), later.rateScalar(), later.rateAnchor(), later.timeToExpiry());
        assertTrue(held.subtract(bought.lastLnImpliedRate()).abs().compareTo(BigInteger.valueOf(10)) <= 0);
        assertThrows(PendleAmm.Revert.class, () -> PendleAmm.preCompute(m, NOW + QUARTER), "expired");
    }

    static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}

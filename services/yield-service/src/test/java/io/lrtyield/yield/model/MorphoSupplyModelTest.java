package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.lending.morpho.AccruedMarket;
import io.lrtyield.common.lending.morpho.AdaptiveCurveIrmModel;
import io.lrtyield.common.lending.morpho.MorphoMath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Morpho Blue supply quote: rate × utilisation × (1 − fee), compounded per second as Aave's APYs are, and the size
 * curve from the IRM's own curve at the utilisation after our supply. Expected values are computed here by hand from
 * the published curve (a quarter of the rate at target at 0 %, the rate at target at 90 %, linear in between).
 */
class MorphoSupplyModelTest {

    static final BigInteger E18 = MorphoMath.WAD;
    static final String ID = "0x" + "ab".repeat(32);
    static final long NOW = 2_000_000;
    static final MathContext MC = new MathContext(34);
    /** 4 %/year per second, as the IRM stores it (truncated). */
    static final BigInteger RATE_AT_TARGET = AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET;

    /** 10,000 WETH supplied, 9,000 borrowed (the IRM's 90 % target), accrued at {@code NOW}; shares 1e6 per wei. */
    static io.lrtyield.common.lending.morpho.MarketState market(BigInteger feeWad) {
        return new io.lrtyield.common.lending.morpho.MarketState(eth(10_000), eth(10_000).multiply(BigInteger.TEN.pow(6)), eth(9_000),
                eth(9_000).multiply(BigInteger.TEN.pow(6)), NOW, feeWad);
    }

    @Test
    void atTheTargetTheSupplyAprIsTheRateAtTargetTimesUtilisationAndTheApyCompoundsItPerSecond() {
        AccruedMarket m = AccruedMarket.at(market(BigInteger.ZERO), RATE_AT_TARGET, NOW);
        assertEquals(RATE_AT_TARGET, m.borrowRate(), "at 90 % the curve gives the rate at target");
        BigDecimal apr = new BigDecimal(RATE_AT_TARGET).multiply(BigDecimal.valueOf(31_536_000)).movePointLeft(18).multiply(new BigDecimal("0.9"));
        assertEquals(0, apr.compareTo(MorphoSupplyModel.supplyApr(m.borrowRate(), m.state())), "exact: " + apr);
        assertRelative(new BigDecimal("0.036"), apr, new BigDecimal("1e-9"));
        BigDecimal apy = MorphoSupplyModel.supplyApy(m);
        // (1 + APR/N)^N − 1, Aave's convention; e^APR − 1 within 1e-11 of it
        assertEquals(YieldMath.perSecondApy(apr), apy);
        assertRelative(YieldMath.exp(apr).subtract(BigDecimal.ONE), apy, new BigDecimal("1e-9"));
        // the docs' borrowAPY × U reads higher by ~APR × (borrowAPR − APR) / 2
        BigDecimal docs = YieldMath.exp(apr.divide(new BigDecimal("0.9"), MC)).subtract(BigDecimal.ONE).multiply(new BigDecimal("0.9"));
        assertRelative(apr.multiply(new BigDecimal("0.004")).divide(BigDecimal.TWO), docs.subtract(apy), new BigDecimal("0.05"));
        assertTrue(apy.compareTo(new BigDecimal("0.0366")) > 0 && apy.compareTo(new BigDecimal("0.0367")) < 0, apy.toPlainString());
    }

    @Test
    void theFeeTakesItsShareOfTheInterest() {
        AccruedMarket m = AccruedMarket.at(market(new BigInteger("100000000000000000")), RATE_AT_TARGET, NOW);
        BigDecimal noFee = MorphoSupplyModel.supplyApr(m.borrowRate(), market(BigInteger.ZERO));
        assertEquals(0, noFee.multiply(new BigDecimal("0.9")).compareTo(MorphoSupplyModel.supplyApr(m.borrowRate(), m.state())));
    }

    @Test
    void ourSupplyLowersUtilisationAndTheRateAlongTheIrmsCurve() {
        AccruedMarket m = AccruedMarket.at(market(BigInteger.ZERO), RATE_AT_TARGET, NOW);
        for (long added : new long[] {1, 1_000, 10_000}) {
            BigDecimal u = new BigDecimal(9_000).divide(new BigDecimal(10_000 + added), MC);
            // below the target the curve runs linearly from rateAtTarget / 4 at 0 % to rateAtTarget at 90 %
            BigDecimal err = u.subtract(new BigDecimal("0.9")).divide(new BigDecimal("0.9"), MC);
            BigDecimal borrowApr = new BigDecimal(RATE_AT_TARGET).movePointLeft(18).multiply(BigDecimal.valueOf(31_536_000))
                    .multiply(BigDecimal.ONE.add(new BigDecimal("0.75").multiply(err)));
            BigDecimal expected = YieldMath.perSecondApy(borrowApr.multiply(u));
            // the contract's WAD roundings (utilisation, error, curve): the rate is ~1.3e9 wei/s, so 1 wei is ~1e-9 of it
            assertRelative(expected, MorphoSupplyModel.supplyApyAfter(m, eth(added)), new BigDecimal("2e-9"));
        }
        BigDecimal at1000 = MorphoSupplyModel.supplyApyAfter(m, eth(1_000));
        assertTrue(at1000.compareTo(new BigDecimal("0.0308")) > 0 && at1000.compareTo(new BigDecimal("0.0311")) < 0,
                "1,000 WETH into 10,000: U 81.8 %, borrow 3.73 %, supply ~3.05 % APR: " + at1000);
        assertEquals(MorphoSupplyModel.supplyApy(m), MorphoSupplyModel.supplyApyAfter(m, BigInteger.ZERO));
    }

    @Test
    void theQuoterQuotesAMorphoVenueFromItsMarketAccruedToTheBlock() {
        List<BigDecimal> sizes = List.of(BigDecimal.TEN, new BigDecimal("1000"));
        VenueQuoter quoter = new VenueQuoter(sizes, new BigDecimal("90"));
        Venue v = new Venue("morpho-weth-supply", "LENDING_SUPPLY", "WETH", "morpho-blue", 2, 0, 0.0,
                Map.of("morpho", "morphoBlue", "marketId", ID.toUpperCase().replace("0X", "0x"), "lltv", "0.945"));
        // stored a day before the block: the quote accrues it (90 %: no drift of the rate at target, interest only)
        io.lrtyield.common.lending.morpho.MarketState stored = new io.lrtyield.common.lending.morpho.MarketState(eth(10_000),
                eth(10_000).multiply(BigInteger.TEN.pow(6)), eth(9_000), eth(9_000).multiply(BigInteger.TEN.pow(6)), NOW - 86_400, BigInteger.ZERO);
        MarketState state = new MarketState(NOW, Map.of(), Map.of(), Map.of(), Map.of(ID, new MarketState.MorphoMarket(stored, RATE_AT_TARGET)), Map.of());
        VenueQuoter.VenueQuote q = quoter.quote(v, state, new VenueQuoter.Context(Map.of(), Map.of(), Map.of())).orElseThrow();
        AccruedMarket accrued = AccruedMarket.at(stored, RATE_AT_TARGET, NOW);
        assertTrue(accrued.state().totalBorrowAssets().compareTo(eth(9_000)) > 0, "a day of interest accrued");
        assertEquals(YieldMath.scale(MorphoSupplyModel.supplyApy(accrued)), q.netApy());
        assertEquals("supply", q.components().get(0).name());
        assertEquals(ID, q.risk().get("marketId"));
        assertRelative(new BigDecimal("0.9"), new BigDecimal(q.risk().get("utilisation")), new BigDecimal("1e-4"));
        assertEquals(0, new BigDecimal("1000").compareTo(new BigDecimal(q.risk().get("availableLiquidityEth"))),
                "interest adds to both sides: supply − borrow stays 1,000 (no fee)");
        List<SizePoint> curve = q.sizeCurve();
        assertEquals(2, curve.size());
        assertEquals(YieldMath.scale(MorphoSupplyModel.supplyApyAfter(accrued, eth(1_000))), curve.get(1).netApy());
        assertTrue(curve.get(0).netApy().compareTo(curve.get(1).netApy()) > 0, "more supply, less yield");
        assertTrue(q.netApy().compareTo(curve.get(0).netApy()) > 0);
        // a market the block's read did not return is not quoted
        MarketState missing = new MarketState(NOW, Map.of(), Map.of(), Map.of(), Map.of());
        assertTrue(quoter.quote(v, missing, new VenueQuoter.Context(Map.of(), Map.of(), Map.of())).isEmpty());
    }

    static void assertRelative(BigDecimal expected, BigDecimal actual, BigDecimal tolerance) {
        BigDecimal relative = expected.subtract(actual).abs().divide(expected.abs(), MC);
        assertTrue(relative.compareTo(tolerance) <= 0, "expected " + expected + ", got " + actual + " (relative " + relative + ")");
    }

    static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}

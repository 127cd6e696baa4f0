package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.dex.CurveMath;
import io.lrtyield.common.dex.pendle.PendleAmm;
import io.lrtyield.common.event.SizePoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lrtyield.yield.model.ReferenceFormulasTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VenueQuoterTest {

    static final String POOL = "0x00000000000000000000000000000000000000aa";
    static final String CURVE = "0x00000000000000000000000000000000000000cc";
    static final String MARKET = "0x00000000000000000000000000000000000000dd";
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger RAY = BigInteger.TEN.pow(27);
    static final List<BigDecimal> SIZES = List.of(new BigDecimal("10"), new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("10000"));
    static final Map<String, String> CONTRACTS = Map.of("aavePool", POOL, "curveStEthWethPool", CURVE, "pendleMarketWeEth", MARKET);

    private final VenueQuoter quoter = new VenueQuoter(SIZES, new BigDecimal("90"));

    static Venue lending() {
        return new Venue("aave-weth-supply", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0,
                Map.of("pool", "aavePool", "rateModel", "0,0.027,0.8,0.9"));
    }

    static Venue loop() {
        return new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
                Map.of("pool", "aavePool", "borrowAsset", "WETH", "targetLtv", "0.9", "liquidationThreshold", "0.95",
                        "borrowRateModel", "0,0.027,0.8,0.9", "collateralRateModel", "0,0.045,0.8,0.45"));
    }

    static Venue lp() {
        return new Venue("curve-steth-weth-lp", "LP", "stETH", "curve", 2, 0, 0.0, Map.of("pool", "curveStEthWethPool", "ethCoin", "0"));
    }

    static Venue pt() {
        return new Venue("pendle-pt-weeth", "FIXED_YIELD_PT", "weETH", "pendle", 3, 0, 0.0,
                Map.of("market", "pendleMarketWeEth", "pointsPerEthPerDay", "1", "pointPriceEthLow", "0.00002", "pointPriceEthHigh", "0.0001"));
    }

    /** WETH at 60 % usage (12,000 borrowed of 20,000), wstETH barely borrowed; rates as the model gives them. */
    static MarketState state(BigDecimal wethBorrowApr) {
        AaveRateModel weth = AaveRateModel.parse("0,0.027,0.8,0.9");
        BigDecimal u = new BigDecimal("0.6");
        BigDecimal borrow = wethBorrowApr != null ? wethBorrowApr : weth.borrowApr(u);
        BigDecimal supply = borrow.multiply(u).multiply(new BigDecimal("0.85"));
        var wethReserve = new MarketState.AaveReserve(ray(supply), ray(borrow), new BigDecimal("0.15"), new BigDecimal("12000"), new BigDecimal("8000"));
        var wstReserve = new MarketState.AaveReserve(ray(new BigDecimal("0.0001")), ray(new BigDecimal("0.002")), new BigDecimal("0.15"),
                new BigDecimal("100"), new BigDecimal("2900"));
        StablePool pool = new StablePool(new BigInteger[] {eth(5_000), eth(5_000)}, BigInteger.valueOf(100), BigInteger.valueOf(1_000_000), E18);
        var pendle = pendle();
        return new MarketState(1_000, Map.of(MarketState.reserveKey(POOL, "WETH"), wethReserve, MarketState.reserveKey(POOL, "wstETH"), wstReserve),
                Map.of(CURVE, pool), Map.of(MARKET, pendle), Map.of());
    }

    /** 1,000 PT + 1,000 SY (index 1), ln implied rate 0.05, 0.25 year to expiry, scalarRoot 20, fee ln(1.001), 80 % reserve. */
    static MarketState.PendleMarketState pendle() {
        return new MarketState.PendleMarketState(new BigInteger("50000000000000000"), 1_000 + 31_536_000L / 4, eth(1000), eth(1000),
                eth(20), new BigInteger("999500333083533"), BigInteger.valueOf(80), E18);
    }

    static VenueQuoter.Context context() {
        return new VenueQuoter.Context(CONTRACTS, Map.of("wstETH", new BigDecimal("0.032")), Map.of());
    }

    @Test
    void loopMatchesTheHandComputation() {
        MarketState s = state(null);
        VenueQuoter.VenueQuote q = quoter.quote(loop(), s, context()).orElseThrow();
        double borrowApr = 0.027 * 0.6 / 0.9;
        double borrowApy = Math.expm1(31_536_000 * Math.log1p(borrowApr / 31_536_000));
        double supplyApy = Math.expm1(31_536_000 * Math.log1p(0.0001 / 31_536_000));
        assertRelative(10 * (0.032 + supplyApy) - 9 * borrowApy, q.netApy(), "net APY");
        assertRelative(1 - 0.9 / 0.95, new BigDecimal(q.risk().get("liquidationDepeg")), "liquidation depeg");
        assertEquals("10", q.risk().get("leverage"));
        assertTrue(q.flags().stream().noneMatch(f -> f.startsWith("negative-carry")), q.flags().toString());
        // our own borrowing lifts WETH usage: 10 ETH borrows 90 more, 1,000 ETH borrows 9,000 — more than the 8,000 available
        List<SizePoint> curve = q.sizeCurve();
        assertEquals(2, curve.size(), "1,000 and 10,000 ETH cannot be looped: " + q.flags());
        assertTrue(q.flags().stream().anyMatch(f -> f.startsWith("size 1000 ETH: borrowing 9000.00 WETH exceeds")), q.flags().toString());
        assertTrue(curve.get(0).netApy().compareTo(curve.get(1).netApy()) > 0);
        // 100 ETH: 900 borrowed → usage 12,900 / 20,000
        double u = 12_900d / 20_000;
        double bApy = Math.expm1(31_536_000 * Math.log1p((0.027 * u / 0.9) / 31_536_000));
        double cApr = 0.0001 + (0.045 * (100d / 4000) / 0.45 * (100d / 4000) - 0.045 * (100d / 3000) / 0.45 * (100d / 3000)) * 0.85;
        double cApy = Math.expm1(31_536_000 * Math.log1p(cApr / 31_536_000));
        assertRelative(10 * (0.032 + cApy) - 9 * bApy, curve.get(1).netApy(), "net APY at 100 ETH");
    }

    @Test
    void unwindingALoopThroughItsExitPoolCostsLTimesTheSaleAmortised() {
        Map<String, String> params = new java.util.HashMap<>(loop().params());
        params.put("exitPool", "curveStEthWethPool");
        params.put("exitCoin", "1");
        Venue withExit = new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0, params);
        MarketState s = state(null);
        VenueQuoter.VenueQuote plain = quoter.quote(loop(), s, context()).orElseThrow();
        VenueQuoter.VenueQuote q = quoter.quote(withExit, s, context()).orElseThrow();
        assertEquals(plain.netApy(), q.netApy(), "the headline is the marginal position's");
        BigInteger amp = BigInteger.valueOf(100).multiply(CurveMath.A_PRECISION);
        for (int i = 0; i < q.sizeCurve().size(); i++) {
            BigDecimal size = q.sizeCurve().get(i).sizeEth();
            BigInteger sold = size.multiply(BigDecimal.TEN).multiply(new BigDecimal(E18)).toBigInteger();
            double cost = 1 - CurveMath.getDy(eth(5_000), eth(5_000), 1, sold, amp, BigInteger.valueOf(1_000_000)).doubleValue() / sold.doubleValue();
            assertRelative(plain.sizeCurve().get(i).netApy().doubleValue() - 10 * cost * 365 / 90, q.sizeCurve().get(i).netApy(), "at " + size);
        }
    }

    @Test
    void aRateSpikeMakesTheLoopNegativeAndTheQuoteSaysSo() {
        VenueQuoter.VenueQuote q = quoter.quote(loop(), state(new BigDecimal("0.15")), context()).orElseThrow();
        assertTrue(q.netApy().signum() < 0, "net " + q.netApy());
        assertTrue(q.flags().stream().anyMatch(f -> f.startsWith("negative-carry")), q.flags().toString());
    }

    @Test
    void lendingSupplyAndItsRateImpact() {
        VenueQuoter.VenueQuote q = quoter.quote(lending(), state(null), context()).orElseThrow();
        double apr = 0.018 * 0.6 * 0.85;
        assertRelative(Math.expm1(31_536_000 * Math.log1p(apr / 31_536_000)), q.netApy(), "supply APY");
        // 10,000 ETH more supply: usage 12,000 / 30,000
        double u = 0.4;
        double sized = 0.027 * u / 0.9 * u * 0.85;
        assertRelative(Math.expm1(31_536_000 * Math.log1p(sized / 31_536_000)), q.sizeCurve().get(3).netApy(), "at 10,000 ETH");
        for (int i = 1; i < 4; i++) {
            assertTrue(q.sizeCurve().get(i).netApy().compareTo(q.sizeCurve().get(i - 1).netApy()) < 0);
        }
    }

    @Test
    void lpSizeCurveFallsAsTheInvariantSays() {
        StakingYieldModel.Result growth = new StakingYieldModel.Result(new BigDecimal("0.02"), "7d", List.of(), List.of(), List.of(), List.of());
        VenueQuoter.Context ctx = new VenueQuoter.Context(CONTRACTS, Map.of(), Map.of("curve-steth-weth-lp", growth));
        VenueQuoter.VenueQuote q = quoter.quote(lp(), state(null), ctx).orElseThrow();
        assertEquals(0, q.netApy().compareTo(new BigDecimal("0.02")));
        BigInteger amp = BigInteger.valueOf(100).multiply(CurveMath.A_PRECISION);
        for (SizePoint p : q.sizeCurve()) {
            BigInteger half = p.sizeEth().multiply(new BigDecimal("0.5")).multiply(new BigDecimal(E18)).toBigInteger();
            double in = 1 - CurveMath.getDy(eth(5_000), eth(5_000), 0, half, amp, BigInteger.valueOf(1_000_000)).doubleValue() / half.doubleValue();
            double out = 1 - CurveMath.getDy(eth(5_000), eth(5_000), 1, half, amp, BigInteger.valueOf(1_000_000)).doubleValue() / half.doubleValue();
            assertRelative(0.02 - 0.5 * (in + out) * 365 / 90, p.netApy(), "net at " + p.sizeEth());
        }
        for (int i = 1; i < 4; i++) {
            assertTrue(q.sizeCurve().get(i).netApy().compareTo(q.sizeCurve().get(i - 1).netApy()) < 0);
        }
    }

    @Test
    void ptQuotesTheImpliedApyAndKeepsPointsApart() {
        VenueQuoter.VenueQuote q = quoter.quote(pt(), state(null), context()).orElseThrow();
        assertRelative(Math.expm1(0.05), q.netApy(), "implied APY");
        assertRelative(Math.exp(-0.0125), new BigDecimal(q.risk().get("ptPrice")), "PT price");
        assertEquals(0, new BigDecimal(q.risk().get("pointsApyHigh")).compareTo(new BigDecimal("0.0365")));
        assertTrue(q.components().stream().anyMatch(c -> c.name().equals("points-low")));
        assertEquals(q.netApy(), q.components().get(0).apy(), "points are not in the net figure");
    }

    @Test
    void ptSizeCurveIsTheImpliedApyOfTheEffectivePriceOnTheAmm() {
        VenueQuoter.VenueQuote q = quoter.quote(pt(), state(null), context()).orElseThrow();
        // 10 and 100 ETH fill; 1,000 ETH would take the rate below 1 (about 465 PT can be bought), 10,000 more so
        assertEquals(List.of(new BigDecimal("10"), new BigDecimal("100")), q.sizeCurve().stream().map(SizePoint::sizeEth).toList());
        assertTrue(q.flags().stream().anyMatch(f -> f.startsWith("size 1000 ETH: more than the PT market can fill")), q.flags().toString());
        for (SizePoint p : q.sizeCurve()) {
            BigInteger out = PendleAmm.ptOutForExactSyIn(pendle().amm(), 1_000, YieldMath.wei(p.sizeEth())).orElseThrow();
            double expected = Math.pow(out.doubleValue() / p.sizeEth().doubleValue() / 1e18, 4) - 1;
            assertRelative(expected, p.netApy(), "held-to-expiry APY at " + p.sizeEth() + " ETH");
            assertTrue(p.netApy().compareTo(q.netApy()) < 0, "the fee and the impact cost something");
        }
        assertTrue(q.sizeCurve().get(1).netApy().compareTo(q.sizeCurve().get(0).netApy()) < 0, "more PT, dearer PT");
        assertEquals("20", q.risk().get("scalarRoot"));
        assertEquals("80", q.risk().get("reserveFeePercent"));
    }

    static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    static BigInteger ray(BigDecimal fraction) {
        return fraction.multiply(new BigDecimal(RAY)).toBigInteger();
    }
}

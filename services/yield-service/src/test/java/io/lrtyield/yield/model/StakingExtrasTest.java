package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.dex.CurveMath;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.exit.ExitRoute;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lrtyield.yield.model.ReferenceFormulasTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StakingExtrasTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigDecimal PREMIUM = new BigDecimal("0.02");
    static final List<BigDecimal> SIZES = List.of(BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("10000"));

    static StakingYieldModel.Result staking(Venue venue) {
        // 3.2 % APR over 7 days
        BigDecimal r1 = BigDecimal.ONE.add(new BigDecimal("0.032").multiply(BigDecimal.valueOf(7)).divide(BigDecimal.valueOf(365), YieldMath.MC));
        return new StakingYieldModel().evaluate(venue, List.of(new RatePoint(1, 0, BigDecimal.ONE), new RatePoint(2, 7 * 86_400, r1)), SIZES);
    }

    @Test
    void instantExitThroughThePoolCostsWhatGetDySaysAmortised() {
        // no withdrawal queue: the pool is the only way out, at every size
        Venue lido = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 0, 0.0, Map.of("exitPool", "pool", "exitCoin", "1"));
        StablePool pool = new StablePool(new BigInteger[] {E18.multiply(BigInteger.valueOf(5_000)), E18.multiply(BigInteger.valueOf(5_200))},
                BigInteger.valueOf(100), BigInteger.valueOf(1_000_000), E18);
        StakingYieldModel.Result r = staking(lido);
        StakingExtras.Extended x = StakingExtras.extend(lido, r, pool, new BigDecimal("90"), null, PREMIUM);
        for (SizePoint p : x.sizeCurve()) {
            assertEquals(ExitRoute.Kind.INSTANT_DEX, p.exit().kind());
            BigInteger dx = p.sizeEth().toBigInteger().multiply(E18);
            double cost = 1 - CurveMath.getDy(pool.balances()[0], pool.balances()[1], 1, dx, pool.amp(), pool.fee()).doubleValue() / dx.doubleValue();
            assertRelative(r.netApy().doubleValue() - cost * 365 / 90, p.netApy(), "net at " + p.sizeEth());
        }
        for (int i = 1; i < x.sizeCurve().size(); i++) {
            assertTrue(x.sizeCurve().get(i).netApy().compareTo(x.sizeCurve().get(i - 1).netApy()) < 0);
        }
        assertEquals("0", x.risk().get("withdrawalDelaySeconds"));
        assertEquals("10200", x.risk().get("exitPoolDepthEth"));
        assertEquals(r.netApy(), x.result().netApy(), "the headline is the marginal position's: exit costs only in the curve");
    }

    @Test
    void withoutPoolStateTheQueueAloneIsPricedAndSaysWhy() {
        Venue lido = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 432_000, 0.0, Map.of("exitPool", "pool"));
        StakingExtras.Extended x = StakingExtras.extend(lido, staking(lido), null, new BigDecimal("90"), null, PREMIUM);
        assertTrue(x.flags().stream().anyMatch(f -> f.startsWith("size-impact: exit pool state not read yet")));
        assertTrue(x.sizeCurve().stream().allMatch(p -> p.exit().kind() == ExitRoute.Kind.QUEUE));
    }

    /**
     * The cheapest exit by size: 5 days of queue cost 5/365 × (APY + 2 %) of the position, whatever its size; the pool
     * costs its fee and price impact, which grow with size. Small sizes sell, large ones queue — exact figures.
     */
    @Test
    void exitRouteIsChosenBySizeQueueForLargePositions() {
        Venue lido = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 432_000, 0.0, Map.of("exitPool", "pool", "exitCoin", "1"));
        StablePool pool = new StablePool(new BigInteger[] {E18.multiply(BigInteger.valueOf(5_000)), E18.multiply(BigInteger.valueOf(5_200))},
                BigInteger.valueOf(100), BigInteger.valueOf(1_000_000), E18);
        StakingYieldModel.Result r = staking(lido);
        StakingExtras.Extended x = StakingExtras.extend(lido, r, pool, new BigDecimal("90"), null, PREMIUM);
        double queue = 5.0 / 365 * (r.netApy().doubleValue() + 0.02);
        for (SizePoint p : x.sizeCurve()) {
            BigInteger dx = p.sizeEth().toBigInteger().multiply(E18);
            double dex = 1 - CurveMath.getDy(pool.balances()[0], pool.balances()[1], 1, dx, pool.amp(), pool.fee()).doubleValue() / dx.doubleValue();
            ExitRoute.Kind expected = dex <= queue ? ExitRoute.Kind.INSTANT_DEX : ExitRoute.Kind.QUEUE;
            assertEquals(expected, p.exit().kind(), "route at " + p.sizeEth());
            assertRelative(Math.min(dex, queue), p.exit().costFraction(), "exit cost at " + p.sizeEth());
            assertRelative(r.netApy().doubleValue() - Math.min(dex, queue) * 365 / 90, p.netApy(), "net at " + p.sizeEth());
        }
        assertEquals(ExitRoute.Kind.INSTANT_DEX, x.sizeCurve().get(0).exit().kind(), "10 ETH sells for the fee");
        assertEquals(ExitRoute.Kind.QUEUE, x.sizeCurve().get(3).exit().kind(), "10,000 ETH waits 5 days instead of crashing the pool");
        assertEquals(0, new BigDecimal("5").compareTo(x.sizeCurve().get(3).exit().delayDays()));
        assertTrue(x.sizeCurve().get(3).netApy().doubleValue() > 0, "a large wstETH position still earns: " + x.sizeCurve());
    }

    @Test
    void noQueueAndNoPoolRedeemsAtTheProtocolRate() {
        Venue reth = new Venue("rocketpool-reth", "NATIVE_STAKING", "rETH", "rocketpool", 1, 0, 0.0);
        StakingYieldModel.Result r = staking(reth);
        StakingExtras.Extended x = StakingExtras.extend(reth, r, null, new BigDecimal("90"), null, PREMIUM);
        assertTrue(x.sizeCurve().stream().allMatch(p -> p.exit().kind() == ExitRoute.Kind.REDEMPTION && p.netApy().equals(r.netApy())));
    }

    @Test
    void restakingPremiumAndPointsStayOutOfTheNetFigure() {
        Venue etherfi = new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 604_800, 0.0,
                Map.of("premiumOver", "wstETH", "pointsPerEthPerDay", "1", "pointPriceEthLow", "0.00001", "pointPriceEthHigh", "0.00003"));
        StakingYieldModel.Result r = staking(etherfi);
        StakingExtras.Extended x = StakingExtras.extend(etherfi, r, null, new BigDecimal("90"), new BigDecimal("0.03"), PREMIUM);
        assertEquals(0, r.netApy().subtract(new BigDecimal("0.03")).compareTo(new BigDecimal(x.risk().get("restakingPremium"))));
        assertEquals("wstETH", x.risk().get("premiumOver"));
        assertEquals(0, new BigDecimal("0.00365").compareTo(new BigDecimal(x.risk().get("pointsApyLow"))));
        assertTrue(x.components().stream().anyMatch(c -> c.name().equals("points-high")));
    }
}

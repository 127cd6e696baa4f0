package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.dex.CurveMath;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.SizePoint;
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
    static final List<BigDecimal> SIZES = List.of(BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("10000"));

    static StakingYieldModel.Result staking(Venue venue) {
        // 3.2 % APR over 7 days
        BigDecimal r1 = BigDecimal.ONE.add(new BigDecimal("0.032").multiply(BigDecimal.valueOf(7)).divide(BigDecimal.valueOf(365), YieldMath.MC));
        return new StakingYieldModel().evaluate(venue, List.of(new RatePoint(1, 0, BigDecimal.ONE), new RatePoint(2, 7 * 86_400, r1)), SIZES);
    }

    @Test
    void instantExitThroughThePoolCostsWhatGetDySaysAmortised() {
        Venue lido = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 432_000, 0.0, Map.of("exitPool", "pool", "exitCoin", "1"));
        StablePool pool = new StablePool(new BigInteger[] {E18.multiply(BigInteger.valueOf(5_000)), E18.multiply(BigInteger.valueOf(5_200))},
                BigInteger.valueOf(100), BigInteger.valueOf(1_000_000), E18);
        StakingYieldModel.Result r = staking(lido);
        StakingExtras.Extended x = StakingExtras.extend(lido, r, pool, new BigDecimal("90"), null);
        for (SizePoint p : x.sizeCurve()) {
            BigInteger dx = p.sizeEth().toBigInteger().multiply(E18);
            double cost = 1 - CurveMath.getDy(pool.balances()[0], pool.balances()[1], 1, dx, pool.amp(), pool.fee()).doubleValue() / dx.doubleValue();
            assertRelative(r.netApy().doubleValue() - cost * 365 / 90, p.netApy(), "net at " + p.sizeEth());
        }
        for (int i = 1; i < x.sizeCurve().size(); i++) {
            assertTrue(x.sizeCurve().get(i).netApy().compareTo(x.sizeCurve().get(i - 1).netApy()) < 0);
        }
        assertEquals("432000", x.risk().get("withdrawalDelaySeconds"));
        assertEquals("10200", x.risk().get("exitPoolDepthEth"));
        assertEquals(r.netApy(), x.result().netApy(), "the headline is the marginal position's: exit costs only in the curve");
    }

    @Test
    void withoutPoolStateTheCurveIsFlatAndSaysWhy() {
        Venue lido = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 432_000, 0.0, Map.of("exitPool", "pool"));
        StakingExtras.Extended x = StakingExtras.extend(lido, staking(lido), null, new BigDecimal("90"), null);
        assertTrue(x.flags().stream().anyMatch(f -> f.startsWith("size-impact: exit pool state not read yet")));
        assertTrue(x.sizeCurve().stream().allMatch(p -> p.netApy().equals(x.result().netApy())));
    }

    @Test
    void restakingPremiumAndPointsStayOutOfTheNetFigure() {
        Venue etherfi = new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 604_800, 0.0,
                Map.of("premiumOver", "wstETH", "pointsPerEthPerDay", "1", "pointPriceEthLow", "0.00001", "pointPriceEthHigh", "0.00003"));
        StakingYieldModel.Result r = staking(etherfi);
        StakingExtras.Extended x = StakingExtras.extend(etherfi, r, null, new BigDecimal("90"), new BigDecimal("0.03"));
        assertEquals(0, r.netApy().subtract(new BigDecimal("0.03")).compareTo(new BigDecimal(x.risk().get("restakingPremium"))));
        assertEquals("wstETH", x.risk().get("premiumOver"));
        assertEquals(0, new BigDecimal("0.00365").compareTo(new BigDecimal(x.risk().get("pointsApyLow"))));
        assertTrue(x.components().stream().anyMatch(c -> c.name().equals("points-high")));
    }
}

package io.lrtyield.yield.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.lrtyield.yield.model.ReferenceFormulasTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LendingAndLoopModelTest {

    // the devnet's WETH reserve: base 0, slope1 2.7 %, slope2 80 %, kink at 90 % usage
    private static final AaveRateModel WETH = AaveRateModel.parse("0,0.027,0.8,0.9");

    @Test
    void twoSlopeRateModelBendsAtTheKink() {
        assertEquals(0, WETH.borrowApr(new BigDecimal("0.45")).compareTo(new BigDecimal("0.0135")));
        assertEquals(0, WETH.borrowApr(new BigDecimal("0.9")).compareTo(new BigDecimal("0.027")));
        // 95 % usage: 2.7 % + 80 % × (0.05 / 0.1) = 42.7 %
        assertEquals(0, WETH.borrowApr(new BigDecimal("0.95")).compareTo(new BigDecimal("0.427")));
        // supply = borrow × usage × (1 − reserve factor)
        assertRelative(0.0135 * 0.45 * 0.85, WETH.supplyApr(new BigDecimal("0.45"), new BigDecimal("0.15")), "supply APR");
    }

    @Test
    void ourSupplyLowersTheSupplyRateAsTheModelSays() {
        BigDecimal debt = new BigDecimal("12000");
        BigDecimal available = new BigDecimal("8000");
        BigDecimal rf = new BigDecimal("0.15");
        BigDecimal before = WETH.supplyApr(AaveRateModel.usage(debt, available), rf);
        BigDecimal after = WETH.supplyAprAfterSupply(debt, available, new BigDecimal("10000"), rf);
        double u = 12000d / 30000d;
        assertRelative(0.027 * u / 0.9 * u * 0.85, after, "after 10,000 ETH");
        assertTrue(after.compareTo(before) < 0);
    }

    @Test
    void borrowingPastTheKinkIsExpensive() {
        BigDecimal after = WETH.borrowAprAfterBorrow(new BigDecimal("17000"), new BigDecimal("3000"), new BigDecimal("2000"));
        assertRelative(0.027 + 0.8 * (0.95 - 0.9) / 0.1, after, "borrow APR at 95 % usage");
        assertThrows(IllegalArgumentException.class,
                () -> WETH.borrowAprAfterBorrow(new BigDecimal("17000"), new BigDecimal("3000"), new BigDecimal("3001")));
    }

    @Test
    void loopNetApyAndLiquidationDistance() {
        // wstETH at 3 % staking + 0.1 % supply, WETH borrowed at 2 %, 90 % LTV (L = 10) against a 95 % threshold
        LoopModel.Result r = LoopModel.evaluate(new LoopModel.Inputs(new BigDecimal("0.03"), new BigDecimal("0.001"),
                new BigDecimal("0.02"), new BigDecimal("0.9"), new BigDecimal("0.95")));
        assertEquals(0, r.leverage().compareTo(BigDecimal.TEN));
        assertRelative(10 * 0.031 - 9 * 0.02, r.netApy(), "net APY");
        assertRelative(0.95 / 0.9, r.healthFactor(), "health factor");
        // the collateral may fall 1 − 0.9/0.95 = 5.263 % before HF = 1
        assertRelative(1 - 0.9 / 0.95, r.liquidationDepeg(), "liquidation depeg");
        BigDecimal hfAfterDepeg = r.healthFactor().multiply(BigDecimal.ONE.subtract(r.liquidationDepeg()));
        assertTrue(hfAfterDepeg.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-15")) < 0, "HF at the depeg: " + hfAfterDepeg);
    }

    @Test
    void negativeCarryIsShownNotHidden() {
        LoopModel.Result r = LoopModel.evaluate(new LoopModel.Inputs(new BigDecimal("0.03"), BigDecimal.ZERO,
                new BigDecimal("0.15"), new BigDecimal("0.8"), new BigDecimal("0.95")));
        assertRelative(5 * 0.03 - 4 * 0.15, r.netApy(), "net APY");
        assertTrue(r.netApy().signum() < 0);
    }

    @Test
    void aLoopPastItsThresholdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoopModel.Inputs(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("0.95"), new BigDecimal("0.95")));
    }

    @Test
    void pointsBandIsLinearInPriceAndDays() {
        // 1 point per ETH per day, 0.00002–0.0001 ETH per point: 0.73 %–3.65 %
        PointsBand band = PointsBand.of(BigDecimal.ONE, new BigDecimal("0.00002"), new BigDecimal("0.0001"));
        assertEquals(0, band.low().compareTo(new BigDecimal("0.0073")));
        assertEquals(0, band.high().compareTo(new BigDecimal("0.0365")));
        assertThrows(IllegalArgumentException.class, () -> PointsBand.of(BigDecimal.ONE, new BigDecimal("2"), BigDecimal.ONE));
    }

    @Test
    void amortisedCostIsSpreadOverTheHorizon() {
        assertEquals(0, YieldMath.amortised(new BigDecimal("0.001"), new BigDecimal("365")).compareTo(new BigDecimal("0.001")));
        assertEquals(0, YieldMath.amortised(new BigDecimal("0.001"), new BigDecimal("73")).compareTo(new BigDecimal("0.005")));
    }
}

package io.lrtyield.yield.model;

import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected slashing loss and its band against hand computations (to 1e-12), on the devnet's ezETH-like exposure. */
class SlashingRiskTest {

    static final SlashingRisk.AvsRisk DEFAULT = new SlashingRisk.AvsRisk(new BigDecimal("0.02"), new BigDecimal("0.005"),
            new BigDecimal("0.05"), new BigDecimal("0.25"), "default");
    static final SlashingRisk RISK = new SlashingRisk(SlashingRisk.parameters(DEFAULT, Map.of(
            "\"da-avs/0\"", "0.01,0.0025,0.03,0.1",
            "bridge-avs/2", "0.04, 0.01, 0.1, 0.5")));

    /** Backing 1000 ETH; 600 with operator-a (da 0.5, oracle 0.3), 300 with operator-b (da 0.4, bridge 0.5). */
    static RestakingExposure exposure(String maxA, String withdrawableA, String daA) {
        return new RestakingExposure(new BigDecimal("1000"), List.of(
                new RestakingExposure.Delegation("0xc01", "0xa1", "operator-a", new BigDecimal(withdrawableA), new BigDecimal(maxA), List.of(
                        alloc("da-avs/0", daA, withdrawableA, maxA), alloc("oracle-avs/1", "0.3", withdrawableA, maxA))),
                new RestakingExposure.Delegation("0xc02", "0xb2", "operator-b", new BigDecimal("300"), BigDecimal.ONE, List.of(
                        alloc("da-avs/0", "0.4", "300", "1"), alloc("bridge-avs/2", "0.5", "300", "1")))), true, List.of());
    }

    static RestakingExposure.Allocation alloc(String set, String magnitude, String withdrawable, String max) {
        return new RestakingExposure.Allocation(set, "0xavs", new BigDecimal(magnitude),
                new BigDecimal(withdrawable).multiply(new BigDecimal(magnitude)).divide(new BigDecimal(max), java.math.MathContext.DECIMAL128));
    }

    @Test
    void expectedLossIsTheSumOverSetsOfShareTimesProbabilityTimesSeverity() {
        SlashingRisk.Assessment a = RISK.assess(exposure("1", "600", "0.5"));
        // shares: da (600×0.5 + 300×0.4)/1000 = 0.42, oracle 600×0.3/1000 = 0.18, bridge 300×0.5/1000 = 0.15
        // point: 0.42×0.01×0.1 + 0.18×0.02×0.25 + 0.15×0.04×0.5 = 0.00042 + 0.0009 + 0.003 = 0.00432
        near("0.00432", a.loss());
        // low: 0.42×0.0025×0.1 + 0.18×0.005×0.25 + 0.15×0.01×0.5 = 0.000105 + 0.000225 + 0.00075 = 0.00108
        near("0.00108", a.lossLow());
        // high: 0.42×0.03×0.1 + 0.18×0.05×0.25 + 0.15×0.1×0.5 = 0.00126 + 0.00225 + 0.0075 = 0.01101
        near("0.01101", a.lossHigh());
        assertEquals("bridge-avs/2", a.bySet().get(0).operatorSet(), "largest loss first");
        assertEquals("default", a.bySet().stream().filter(s -> s.operatorSet().equals("oracle-avs/1")).findFirst().orElseThrow().risk().source(),
                "a set without an override takes the default");
    }

    @Test
    void netApyAndBandSubtractTheLossAndTheStakingSplitsFromTheRestakingRewards() {
        RestakingExposure e = exposure("1", "600", "0.5");
        List<YieldComponent> components = List.of(new YieldComponent("staking", new BigDecimal("0.0336"), "fundamental-rate growth, 7d"),
                new YieldComponent("protocol-fee", new BigDecimal("-0.0036"), "catalogue"));
        var adjusted = SlashingRisk.adjust(new BigDecimal("0.03"), components, List.of(new SizePoint(BigDecimal.TEN, new BigDecimal("0.029"))),
                Map.of(), e, RISK.assess(e), new BigDecimal("0.0315"), "wstETH");
        // 0.03 − 0.00432 = 0.02568, band 0.03 − 0.01101 … 0.03 − 0.00108
        near("0.02568", adjusted.netApy());
        near("0.01899", new BigDecimal(adjusted.risk().get("netApyLow")));
        near("0.02892", new BigDecimal(adjusted.risk().get("netApyHigh")));
        near("0.02468", adjusted.sizeCurve().get(0).netApy());
        assertEquals(List.of("staking", "restaking-rewards", "protocol-fee", SlashingRisk.COMPONENT),
                adjusted.components().stream().map(YieldComponent::name).toList());
        near("0.0315", adjusted.components().get(0).apy());
        near("0.0021", adjusted.components().get(1).apy());
        near("-0.00432", adjusted.components().get(3).apy());
        BigDecimal sum = adjusted.components().stream().map(YieldComponent::apy).reduce(BigDecimal.ZERO, BigDecimal::add);
        near("0.02568", sum);
        assertEquals("0.42", adjusted.risk().get("exposure.avs.da-avs/0"));
        assertEquals("0.6", adjusted.risk().get("exposure.operator.operator-a"));
        assertEquals("operator-a", adjusted.risk().get("topOperator"));
        assertEquals("da-avs/0", adjusted.risk().get("topAvs"));
        assertEquals("0.9", adjusted.risk().get("restakedShare"));
    }

    @Test
    void afterASlashTheSlashableStakeIsWithdrawableTimesMagnitudeOverMaxMagnitude() {
        // operator-a slashed 5 % of its 0.5 in da: magnitude 0.475, max 0.975, withdrawable 600 × 0.975 = 585;
        // slashable in da: 585 × 0.475 / 0.975 = 285, in oracle 585 × 0.3 / 0.975 = 180 (unchanged: the oracle set lost nothing)
        RestakingExposure e = exposure("0.975", "585", "0.475");
        near("0.405", e.slashableShareBySet().get("da-avs/0"));
        near("0.18", e.slashableShareBySet().get("oracle-avs/1"));
        // point: 0.405×0.001 + 0.18×0.005 + 0.15×0.02 = 0.000405 + 0.0009 + 0.003
        near("0.004305", RISK.assess(e).loss());
    }

    @Test
    void aBandOutOfOrderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SlashingRisk.parameters(DEFAULT, Map.of("x/0", "0.05,0.01,0.02,0.1")).apply("x/0"));
    }

    static void near(String expected, BigDecimal actual) {
        BigDecimal diff = new BigDecimal(expected).subtract(actual).abs();
        assertEquals(-1, diff.compareTo(new BigDecimal("1e-12")), "expected " + expected + ", got " + actual.toPlainString());
    }
}

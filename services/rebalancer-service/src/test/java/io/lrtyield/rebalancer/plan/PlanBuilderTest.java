package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanBuilderTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final Venue LIDO = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 0, 0.0);
    static final Venue ETHERFI = new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 0, 0.0);
    static final Venue SUPPLY = new Venue("aave-weth-supply", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0);
    static final Venue SWELL = new Venue("swell-rsweth", "RESTAKING_TOKEN", "rswETH", "swell", 3, 0, 0.0);
    static final Map<String, BigDecimal> RATES = Map.of("wstETH", new BigDecimal("1.2"), "weETH", new BigDecimal("1.05"));

    final PlanBuilder builder = new PlanBuilder(LoopUnwinderTest.ADDRESSES, LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS);

    @Test
    void exitsComeFirstThenTheWethTheEntriesNeedIsUnwrappedThenTheEntriesWithMinOutsFromFundamentalRates() {
        BigInteger twelve = E18.multiply(BigInteger.valueOf(12));
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(ETHERFI, E18.multiply(BigInteger.valueOf(10))),
                        new PlanBuilder.Move(LIDO, twelve.negate())), RATES, BigInteger.ZERO, BigInteger.ZERO, null);
        List<String> kinds = plan.actions().stream().map(PlannedAction::kind).toList();
        assertEquals(List.of("UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL", "UNWRAP_WETH", "STAKE", "APPROVE", "WRAP", "RESET_APPROVAL"), kinds);
        // 12 ETH of wstETH at 1.2 = 10 wstETH → 12 stETH expected, 2 wei less counted on, sold for ≥ 99.5 % of it (stETH = 1 ETH)
        assertEquals(E18.multiply(BigInteger.TEN), new BigInteger(plan.actions().get(0).call().headWord(0), 16), "wstETH unwrapped");
        BigInteger stEth = twelve.subtract(BigInteger.TWO);
        assertEquals(stEth, plan.actions().get(0).minOut());
        BigInteger minWeth = stEth.multiply(BigInteger.valueOf(9950)).divide(BigInteger.valueOf(10_000));
        assertEquals(minWeth, plan.actions().get(2).minOut());
        // only the WETH the entry needs is unwrapped (the exit guarantees 11.94 ETH, the entry wants 10)
        BigInteger ten = E18.multiply(BigInteger.TEN);
        assertEquals(ten, plan.actions().get(4).expectedOut());
        PlannedAction stake = plan.actions().get(5);
        assertEquals(ten, stake.call().valueWei());
        // weETH out = (ETH − 2 wei) / 1.05, min-out 50 bp below
        BigInteger weEth = new BigDecimal(ten.subtract(BigInteger.TWO)).divide(new BigDecimal("1.05"), 0, java.math.RoundingMode.DOWN).toBigInteger();
        assertEquals(weEth, plan.actions().get(7).expectedOut());
        assertEquals(weEth.multiply(BigInteger.valueOf(9950)).divide(BigInteger.valueOf(10_000)), plan.actions().get(7).minOut());
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
    }

    @Test
    void aVenueWithoutAnAllowlistedRouteIsSkippedAndSaysSo() {
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(SWELL, E18), new PlanBuilder.Move(SUPPLY, E18)), RATES,
                E18.multiply(BigInteger.TEN), BigInteger.ZERO, null);
        assertEquals(List.of("swell-rsweth: no allowlisted entry route"), plan.skipped());
        assertEquals(List.of("WRAP", "APPROVE", "SUPPLY", "RESET_APPROVAL"), plan.actions().stream().map(PlannedAction::kind).toList());
    }
}

package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact plans. The loop-entry and exit figures were computed independently (Python, integer wei and decimal health
 * factors rounded down to 6 places: /tmp/lrtcalc/loop_entry.py and exits.py in the session that wrote these tests).
 */
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

    static final PlanAddresses ALL = new PlanAddresses(addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9),
            addr(10), addr(11), addr(12), addr(13), addr(14), addr(15), addr(16), addr(17), addr(18), addr(19));
    static final PlanSettings MIN_101 = new PlanSettings(50, new BigDecimal("1.01"), new BigDecimal("1.06"), 40);
    static final Venue LOOP = new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
            Map.of("borrowAsset", "WETH", "targetLtv", "0.9", "liquidationThreshold", "0.95", "maxLtv", "0.93"));
    static final Venue LOOP_NO_MAX_LTV = new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
            Map.of("borrowAsset", "WETH", "targetLtv", "0.9", "liquidationThreshold", "0.95"));
    static final Venue RETH = new Venue("rocketpool-reth", "NATIVE_STAKING", "rETH", "rocketpool", 1, 0, 0.0);
    static final Venue PUFFER = new Venue("puffer-pufeth", "RESTAKING_TOKEN", "pufETH", "puffer", 3, 0, 0.0);
    static final Venue KELP = new Venue("kelp-rseth", "RESTAKING_TOKEN", "rsETH", "kelp", 3, 0, 0.0);
    static final Venue RENZO = new Venue("renzo-ezeth", "RESTAKING_TOKEN", "ezETH", "renzo", 3, 0, 0.0);
    static final Venue PT = new Venue("pendle-pt-weeth", "FIXED_YIELD_PT", "weETH", "pendle", 3, 0, 0.0);
    static final Venue EIGEN = new Venue("eigenlayer-steth", "EIGENLAYER_STRATEGY", "stETH", "eigenlayer", 3, 600, 0.0);

    static String addr(int n) {
        return LoopUnwinderTest.addr(n);
    }

    static BigInteger wei(String v) {
        return new BigInteger(v);
    }

    static BigInteger word(PlannedAction a, int i) {
        return new BigInteger(a.call().headWord(i), 16);
    }

    @Test
    void aLoopEntrySuppliesSetsEModeThenBorrowsInTurnsThatLandOnTheTargetLeverageKeepingTheMinimumHealthFactor() {
        BigInteger ten = E18.multiply(BigInteger.TEN);
        BuiltPlan plan = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, MIN_101).build(List.of(new PlanBuilder.Move(LOOP, ten)), RATES,
                ten, BigInteger.ZERO, null);
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
        List<String> kinds = plan.actions().stream().map(PlannedAction::kind).toList();
        List<String> supply = List.of("STAKE", "APPROVE", "WRAP", "RESET_APPROVAL", "APPROVE", "SUPPLY", "RESET_APPROVAL");
        assertEquals(supply, kinds.subList(0, 7));
        assertEquals("EMODE", kinds.get(7));
        assertEquals(BigInteger.ONE, word(plan.actions().get(7), 0), "ETH-correlated eMode (default category 1)");
        // 16 turns of borrow, unwrap, then the same stake/wrap/supply
        assertEquals(7 + 1 + 16 * 9, kinds.size());
        List<String> turn = new java.util.ArrayList<>(List.of("BORROW", "UNWRAP"));
        turn.addAll(supply);
        for (int i = 0; i < 16; i++) {
            assertEquals(turn, kinds.subList(8 + 9 * i, 17 + 9 * i), "turn " + i);
        }
        // every turn's borrow is the WETH unwrapped and the ETH staked; the collateral supplied is the wrap's min-out
        PlannedAction borrow = plan.actions().get(8);
        assertEquals(wei("9253499999999999997"), word(borrow, 1));
        assertEquals(addr(1), borrow.call().headWord(0).replaceFirst("^0{24}", "0x"));
        assertEquals(wei("9253499999999999997"), word(plan.actions().get(9), 0), "WETH unwrapped");
        assertEquals(wei("9253499999999999997"), plan.actions().get(10).call().valueWei(), "ETH staked");
        assertEquals(wei("7672693749999999995"), word(plan.actions().get(14), 1), "wstETH supplied");

        List<DeleverageStep> s = plan.steps();
        assertEquals(17, s.size());
        assertEquals(DeleverageStep.entry(0, BigInteger.ZERO, wei("8291666666666666664"), null, null), s.get(0));
        assertEquals(new DeleverageStep(1, "borrow", wei("9253499999999999997"), wei("7672693749999999995"), new BigDecimal("1.021505"),
                new BigDecimal("1.966755")), s.get(1));
        assertEquals(new DeleverageStep(2, "borrow", wei("8562726224999999994"), wei("7099927161562499993"), new BigDecimal("1.021505"),
                new BigDecimal("1.475805")), s.get(2));
        // the last turn is the one that lands on LTV 0.9: HF = 0.95 / 0.9
        assertEquals(new DeleverageStep(16, "borrow", wei("449183213407785618"), wei("372447747783955572"), new BigDecimal("1.050600"),
                new BigDecimal("1.055555")), s.get(16));
        // HF after every borrow (the low point) and after every supply ≥ the minimum; the max LTV (0.93) binds before it
        for (DeleverageStep step : s.subList(1, 17)) {
            assertTrue(step.hfAfterWithdraw().compareTo(new BigDecimal("1.021505")) >= 0, step.toString());
            assertTrue(step.hfAfter().compareTo(step.hfAfterWithdraw()) > 0, step.toString());
        }
        BigInteger debt = s.stream().map(DeleverageStep::withdrawnWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger collateral = s.stream().map(DeleverageStep::repaidWei).reduce(BigInteger.ZERO, BigInteger::add);
        assertEquals(wei("85693779904306219660"), debt);
        assertEquals(wei("79346092503987240423"), collateral);
        assertEquals(new BigDecimal("10.0000"), LoopEntry.leverage(collateral, debt, new BigDecimal("1.2")));
    }

    @Test
    void anEntryIntoAnExistingLoopStartsFromItsPositionAtTheLowerOfTheOracleAndFundamentalPrices() {
        // 50 wstETH, 40 WETH debt, the account implying 1.19 WETH per wstETH (fundamental 1.2): HF 1.413125 before
        LoopState held = new LoopState(E18.multiply(BigInteger.valueOf(50)), E18.multiply(BigInteger.valueOf(40)), new BigDecimal("1.19"),
                new BigDecimal("0.95"));
        BigInteger ten = E18.multiply(BigInteger.TEN);
        BuiltPlan plan = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, MIN_101).build(List.of(new PlanBuilder.Move(LOOP, ten)), RATES,
                ten, BigInteger.ZERO, held);
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
        List<DeleverageStep> s = plan.steps();
        assertEquals(15, s.size());
        assertEquals(new DeleverageStep(0, "supply", BigInteger.ZERO, wei("8291666666666666664"), new BigDecimal("1.413125"),
                new BigDecimal("1.647468")), s.get(0));
        assertEquals(new DeleverageStep(1, "borrow", wei("24511387499999999997"), wei("20324025468749999995"), new BigDecimal("1.021505"),
                new BigDecimal("1.377664")), s.get(1));
        assertEquals(new DeleverageStep(14, "borrow", wei("89378430379009713"), wei("74109615189262217"), new BigDecimal("1.055206"),
                new BigDecimal("1.055555")), s.get(14));
        assertTrue(s.stream().allMatch(x -> x.hfAfterWithdraw().compareTo(MIN_101.minHealthFactor()) >= 0));
        BigInteger debt = E18.multiply(BigInteger.valueOf(40)).add(s.stream().map(DeleverageStep::withdrawnWei).reduce(BigInteger.ZERO, BigInteger::add));
        assertEquals(wei("240338282907223400363"), debt);
    }

    @Test
    void withoutAMaxLtvTheTurnsStopAtTheTargetLtvAndTheLeverageReachedIsSaid() {
        BigInteger ten = E18.multiply(BigInteger.TEN);
        PlanSettings threeSteps = new PlanSettings(50, new BigDecimal("1.01"), new BigDecimal("1.06"), 3);
        BuiltPlan plan = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, threeSteps).build(List.of(new PlanBuilder.Move(LOOP_NO_MAX_LTV, ten)),
                RATES, ten, BigInteger.ZERO, null);
        assertEquals(List.of("aave-wsteth-loop: loop entry stopped after 3 turns (max steps) at leverage 3.4575, target 10.0000"),
                plan.skipped());
        assertEquals(4, plan.steps().size());
        // each borrow brings the LTV to exactly the target: HF 0.95 / 0.9 at the low point
        assertEquals(new DeleverageStep(1, "borrow", wei("8954999999999999997"), wei("7425187499999999995"), new BigDecimal("1.055555"),
                new BigDecimal("2.000805")), plan.steps().get(1));
        assertEquals(new DeleverageStep(3, "borrow", wei("7181195838749999993"), wei("5954408216296874992"), new BigDecimal("1.055555"),
                new BigDecimal("1.336570")), plan.steps().get(3));
    }

    @Test
    void rEthBurnsPufEthRedeemsPtSellsAndEigenLayerQueuesBeforeTheEntriesWhichCountOnlyTheMinOuts() {
        Map<String, BigDecimal> rates = Map.of("wstETH", new BigDecimal("1.2"), "weETH", new BigDecimal("1.05"), "rETH", new BigDecimal("1.1"),
                "pufETH", new BigDecimal("1.02"), "rsETH", new BigDecimal("1.03"), "pendle-pt-weeth", new BigDecimal("0.98"),
                "eigenlayer-steth", new BigDecimal("1.2"));
        BuiltPlan plan = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, MIN_101).build(List.of(
                new PlanBuilder.Move(KELP, E18.multiply(BigInteger.valueOf(20))),
                new PlanBuilder.Move(RETH, E18.multiply(BigInteger.valueOf(11)).negate()),
                new PlanBuilder.Move(PUFFER, wei("5100000000000000000").negate()),
                new PlanBuilder.Move(PT, wei("10500000000000000000").negate()),
                new PlanBuilder.Move(EIGEN, E18.multiply(BigInteger.valueOf(6)).negate()),
                new PlanBuilder.Move(PT, E18.multiply(BigInteger.valueOf(5)))), rates, BigInteger.ZERO, BigInteger.ZERO, null);
        List<PlannedAction> a = plan.actions();
        assertEquals(List.of("REDEEM", "REDEEM", "APPROVE", "SELL_PT", "RESET_APPROVAL", "UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL",
                "QUEUE_WITHDRAWAL", "UNWRAP_WETH", "STAKE", "STAKE", "APPROVE", "WRAP", "RESET_APPROVAL", "APPROVE", "BUY_PT",
                "RESET_APPROVAL"), a.stream().map(PlannedAction::kind).toList());
        // rETH: 10 burnt (11 ETH at 1.1), ≥ 10.945 ETH counted on
        assertEquals("burn(uint256)", a.get(0).call().signature());
        assertEquals(addr(14), a.get(0).call().target());
        assertEquals(E18.multiply(BigInteger.TEN), word(a.get(0), 0));
        assertEquals(wei("11000000000000000000"), a.get(0).expectedOut());
        assertEquals(wei("10945000000000000000"), a.get(0).minOut());
        // pufETH: 5 shares redeemed to the vault (receiver and owner), 5.1 WETH expected, 5.0745 counted on
        assertEquals("redeem(uint256,address,address)", a.get(1).call().signature());
        assertEquals(E18.multiply(BigInteger.valueOf(5)), word(a.get(1), 0));
        assertEquals(LoopUnwinderTest.VAULT, "0x" + a.get(1).call().headWord(1).substring(24));
        assertEquals(LoopUnwinderTest.VAULT, "0x" + a.get(1).call().headWord(2).substring(24));
        assertEquals(wei("5074500000000000000"), a.get(1).minOut());
        // PT: 10 PT (valued at one weETH each) approved exactly and sold for ≥ 9.751 weETH (price 0.98 less 50 bp) …
        assertEquals(addr(16), a.get(2).call().target());
        assertEquals(E18.multiply(BigInteger.TEN), word(a.get(2), 1));
        assertEquals(E18.multiply(BigInteger.TEN), word(a.get(3), 1));
        assertEquals(wei("9751000000000000000"), word(a.get(3), 2));
        assertEquals(BigInteger.ZERO, word(a.get(4), 1));
        // … which the weETH route unwraps (10.23855 eETH, 2 wei less counted on) and sells for ≥ 10.18735725 WETH
        assertEquals(wei("9751000000000000000"), word(a.get(5), 0));
        assertEquals(wei("10238549999999999998"), word(a.get(7), 2));
        assertEquals(wei("10187357249999999998"), word(a.get(7), 3));
        // EigenLayer: 5 shares (6 ETH at 1.2 stETH per share) queued; nothing counted on from it
        assertEquals("queueWithdrawals((address[],uint256[],address)[])", a.get(9).call().signature());
        assertNull(a.get(9).minOut());
        assertEquals(List.of("eigenlayer-steth: withdrawal of 5000000000000000000 shares queued; its stETH arrives after the 600 s "
                + "delay (completeQueuedWithdrawals) and is not counted for this plan's entries"), plan.skipped());
        // 25 ETH needed, 10.945 ETH from the burn: the rest is unwrapped from the 15.26 WETH the exits guarantee
        assertEquals(wei("14055000000000000000"), word(a.get(10), 0));
        // Kelp: 20 ETH → ≥ 19.320388349514563105 rsETH (the deposit's own minimum argument)
        assertEquals(E18.multiply(BigInteger.valueOf(20)), a.get(11).call().valueWei());
        assertEquals(wei("19320388349514563105"), word(a.get(11), 0));
        // PT entry: 5 ETH → eETH → weETH (min 4.738…), all of it into the market for ≥ the same less 50 bp of PT
        assertEquals(wei("4738095238095238092"), word(a.get(16), 1));
        assertEquals(wei("4738095238095238092"), word(a.get(17), 1));
        assertEquals(wei("4714404761904761901"), word(a.get(17), 2));
        assertEquals(wei("4834791059280855195"), a.get(17).expectedOut());
        assertEquals(LoopUnwinderTest.VAULT, "0x" + a.get(17).call().headWord(0).substring(24));
    }

    @Test
    void exitsWithoutARouteOrWithoutTheRateTheyNeedAreSkippedAndSaySo() {
        Map<String, BigDecimal> rates = Map.of("weETH", new BigDecimal("1.05"), "ezETH", new BigDecimal("1.01"));
        PlanBuilder b = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, MIN_101);
        BuiltPlan plan = b.build(List.of(new PlanBuilder.Move(RENZO, E18.negate()), new PlanBuilder.Move(PT, E18.negate()),
                new PlanBuilder.Move(EIGEN, E18.negate())), rates, BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("renzo-ezeth: no allowlisted exit route (no ezETH pool on this chain and no withdrawal queue in the catalogue)",
                "pendle-pt-weeth: no PT price (implied rate) to bound the sale; PT not sold",
                "eigenlayer-steth: no stETH-per-share rate of the strategy; withdrawal not queued"), plan.skipped());
        assertTrue(plan.empty());
        // the policy is told the same: no exit for ezETH/rsETH, exits for rETH, pufETH, PT and EigenLayer
        assertTrue(!b.canExit(RENZO) && !b.canExit(KELP));
        assertTrue(b.canExit(RETH) && b.canExit(PUFFER) && b.canExit(PT) && b.canExit(EIGEN) && b.canEnter(LOOP) && b.canEnter(PT)
                && b.canEnter(EIGEN));
        // without the PT / EigenLayer / rETH contracts (an older catalogue) those routes are not offered
        assertTrue(!builder.canExit(RETH) && !builder.canEnter(PT) && !builder.canEnter(EIGEN) && !builder.canExit(PT));
    }
}

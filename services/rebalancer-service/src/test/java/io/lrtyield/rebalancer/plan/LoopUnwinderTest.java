package io.lrtyield.rebalancer.plan;

import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A wstETH/WETH loop after a 5 % drop of the collateral's oracle price (1.2 → 1.14 WETH per wstETH; 100 wstETH,
 * 108 WETH debt, LT 95 %: HF 1.002777). Expected figures computed independently (Python decimal, /tmp/unwind.py in the
 * session that wrote this test): w = min(C − ⌈(min + 0.0001)·D/(p·LT)⌉, the withdraw that lands on target + 2e-6, C),
 * stETH = ⌊w·1.2⌋ − 2, min-out = ⌊stETH·(1 − 50 bp)⌋.
 */
class LoopUnwinderTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final PlanAddresses ADDRESSES = new PlanAddresses(addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7),
            addr(8), addr(9), addr(10), addr(11), addr(12), addr(13));
    static final String VAULT = addr(99);
    static final BigInteger RATE = new BigInteger("1200000000000000000");
    static final PlanSettings SETTINGS = new PlanSettings(50, new BigDecimal("1.0"), new BigDecimal("1.05"), 40);

    static String addr(int n) {
        return String.format("0x%040x", n);
    }

    static LoopState depegged() {
        return new LoopState(E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(108)), new BigDecimal("1.14"),
                new BigDecimal("0.95"));
    }

    @Test
    void idleRepaysFirstThenEachCollateralStepKeepsTheMinimumAndLandsOnTheTarget() {
        LoopState loop = depegged();
        assertEquals(new BigDecimal("1.002777"), loop.healthFactor());
        BuiltPlan plan = new LoopUnwinder(ADDRESSES, VAULT, SETTINGS).unwind("aave-wsteth-loop", loop,
                E18.multiply(BigInteger.TWO), E18.divide(BigInteger.TWO), RATE, false);

        List<DeleverageStep> s = plan.steps();
        assertEquals(6, s.size(), s.toString());
        step(s.get(0), "idle", "0", "2500000000000000000", "1.002777", "1.026540");
        step(s.get(1), "collateral", "2575669436749769159", "3075349307479224373", "1.000100", "1.030128");
        step(s.get(2), "collateral", "2839941682742356690", "3390890369194373885", "1.000100", "1.034343");
        step(s.get(3), "collateral", "3131329139641083401", "3738806992731453578", "1.000100", "1.039337");
        step(s.get(4), "collateral", "3452613918218584232", "4122421018352989570", "1.000100", "1.045320");
        step(s.get(5), "collateral", "2500600325466292533", "2985716788606753281", "1.015616", "1.050001");
        for (DeleverageStep step : s) {
            assertTrue(step.hfAfterWithdraw().compareTo(SETTINGS.minHealthFactor()) >= 0, step.toString());
            assertTrue(step.hfAfter().compareTo(SETTINGS.minHealthFactor()) >= 0, step.toString());
        }
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());

        // idle: wrap only what WETH does not cover, exact approval, repay, approval back to zero
        List<PlannedAction> a = plan.actions();
        assertEquals(4 + 5 * 8, a.size());
        assertEquals(List.of("WRAP", "APPROVE", "REPAY", "RESET_APPROVAL"), a.subList(0, 4).stream().map(PlannedAction::kind).toList());
        assertEquals(new BigInteger("2000000000000000000"), a.get(0).call().valueWei());
        assertEquals(List.of("WITHDRAW", "UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL", "APPROVE", "REPAY", "RESET_APPROVAL"),
                a.subList(4, 12).stream().map(PlannedAction::kind).toList());
        // step 1: unwrap ⌊w·1.2⌋ expected, 2 wei less counted on; the swap's min-out from the fundamental (stETH = 1 ETH)
        assertEquals(new BigInteger("2575669436749769159"), a.get(4).expectedOut());
        assertEquals(new BigInteger("3090803324099722990"), a.get(5).expectedOut());
        assertEquals(new BigInteger("3090803324099722988"), a.get(5).minOut());
        PlannedAction swap = a.get(7);
        assertEquals(new BigInteger("3090803324099722988"), swap.expectedOut());
        assertEquals(new BigInteger("3075349307479224373"), swap.minOut());
        assertEquals(ADDRESSES.curveStEthPool(), swap.call().target());
        assertEquals("exchange(int128,int128,uint256,uint256)", swap.call().signature());
        assertEquals(ADDRESSES.aavePool(), a.get(10).call().target());
        assertEquals("repay(address,uint256,uint256,address)", a.get(10).call().signature());
    }

    @Test
    void withoutIdleEthItTakesMoreStepsButNeverGoesBelowTheMinimum() {
        BuiltPlan plan = new LoopUnwinder(ADDRESSES, VAULT, SETTINGS).unwind("aave-wsteth-loop", depegged(),
                BigInteger.ZERO, BigInteger.ZERO, RATE, false);
        assertEquals(26, plan.steps().size());
        DeleverageStep first = plan.steps().get(0);
        step(first, "collateral", "267036011080332409", "318840997229916893", "1.000100", "1.003061");
        DeleverageStep last = plan.steps().get(25);
        step(last, "collateral", "2565304358451726633", "3062973403991361597", "1.007341", "1.050001");
        assertTrue(plan.steps().stream().allMatch(x -> x.hfAfterWithdraw().compareTo(BigDecimal.ONE) >= 0));
    }

    @Test
    void aLoopAlreadyAtTheMinimumCannotWithdrawAndSaysSo() {
        LoopState atMin = new LoopState(E18.multiply(BigInteger.valueOf(100)), new BigInteger("108300000000000000000"),
                new BigDecimal("1.14"), new BigDecimal("0.95"));
        BuiltPlan plan = new LoopUnwinder(ADDRESSES, VAULT, SETTINGS).unwind("aave-wsteth-loop", atMin, BigInteger.ZERO,
                BigInteger.ZERO, RATE, false);
        assertTrue(plan.empty());
        assertTrue(plan.skipped().get(0).contains("any withdraw would take HF below 1.0"), plan.skipped().toString());
    }

    @Test
    void aFullExitRepaysEverythingThenWithdrawsAllCollateral() {
        LoopState healthy = new LoopState(E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(20)),
                new BigDecimal("1.2"), new BigDecimal("0.95"));
        BuiltPlan plan = new LoopUnwinder(ADDRESSES, VAULT, SETTINGS).unwind("aave-wsteth-loop", healthy, BigInteger.ZERO,
                BigInteger.ZERO, RATE, true);
        DeleverageStep last = plan.steps().get(plan.steps().size() - 1);
        assertNull(last.hfAfter(), "debt gone");
        BigInteger repaid = plan.steps().stream().map(DeleverageStep::repaidWei).reduce(BigInteger.ZERO, BigInteger::add);
        assertEquals(E18.multiply(BigInteger.valueOf(20)), repaid);
        PlannedAction withdrawAll = plan.actions().get(plan.actions().size() - 1);
        assertEquals("WITHDRAW", withdrawAll.kind());
        assertTrue(plan.steps().stream().allMatch(x -> x.hfAfterWithdraw().compareTo(BigDecimal.ONE) >= 0));
    }

    /**
     * In a depeg the stETH sells at the market (0.96 WETH per stETH here), not the peg: every swap's min-out is
     * ⌊⌊stETH · 0.96⌋ · (1 − 50 bp)⌋, the steps repay that much, and the unwind stops at the policy's target (1.097),
     * not the settings' 1.05.
     */
    @Test
    void aDepegSaleIsBoundedByTheMarketPriceAndStopsAtThePolicysTarget() {
        LoopState loop = new LoopState(E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(108)), new BigDecimal("1.2"),
                new BigDecimal("0.95"));
        BigInteger sale = new BigInteger("960000000000000000");
        BuiltPlan plan = new LoopUnwinder(ADDRESSES, VAULT, SETTINGS).unwind("aave-wsteth-loop", loop, BigInteger.ZERO, BigInteger.ZERO,
                RATE, sale, new BigDecimal("1.097"), false);
        assertFalse(plan.steps().isEmpty());
        DeleverageStep last = plan.steps().get(plan.steps().size() - 1);
        assertTrue(last.hfAfter().compareTo(new BigDecimal("1.097")) >= 0, last.toString());
        assertTrue(plan.steps().stream().allMatch(x -> x.hfAfterWithdraw().compareTo(SETTINGS.minHealthFactor()) >= 0));
        List<PlannedAction> swaps = plan.actions().stream().filter(a -> "SWAP".equals(a.kind())).toList();
        assertEquals(plan.steps().size(), swaps.size());
        for (int i = 0; i < swaps.size(); i++) {
            BigInteger in = swaps.get(i).expectedOut();
            BigInteger min = in.multiply(sale).divide(E18).multiply(BigInteger.valueOf(9950)).divide(BigInteger.valueOf(10_000));
            assertEquals(min, swaps.get(i).minOut(), swaps.get(i).toString());
            assertEquals(min, plan.steps().get(i).repaidWei());
        }
    }

    static void step(DeleverageStep s, String source, String withdrawn, String repaid, String mid, String after) {
        assertEquals(source, s.source(), s.toString());
        assertEquals(new BigInteger(withdrawn), s.withdrawnWei(), s.toString());
        assertEquals(new BigInteger(repaid), s.repaidWei(), s.toString());
        assertEquals(new BigDecimal(mid), s.hfAfterWithdraw(), s.toString());
        assertEquals(new BigDecimal(after), s.hfAfter(), s.toString());
    }
}

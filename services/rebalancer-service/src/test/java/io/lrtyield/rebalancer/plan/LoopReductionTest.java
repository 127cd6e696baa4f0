package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lrtyield.rebalancer.plan.LoopUnwinderTest.ADDRESSES;
import static io.lrtyield.rebalancer.plan.LoopUnwinderTest.E18;
import static io.lrtyield.rebalancer.plan.LoopUnwinderTest.RATE;
import static io.lrtyield.rebalancer.plan.LoopUnwinderTest.SETTINGS;
import static io.lrtyield.rebalancer.plan.LoopUnwinderTest.VAULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trim of a loop takes its equity out at the loop's leverage (the backtest found a −0.43 ETH trim unwinding a
 * 300-ETH loop whole, then re-entering it). Loop: 100 wstETH at 1.2 ETH (120 ETH of collateral), 90 WETH debt,
 * oracle 1.2, LT 95 % → HF 1.266666, equity 30 ETH, L = 4.
 */
class LoopReductionTest {

    static final Venue LOOP = new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
            Map.of("borrowAsset", "WETH", "targetLtv", "0.75", "liquidationThreshold", "0.95", "maxLtv", "0.8"));

    static LoopState loop() {
        return new LoopState(E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(90)), new BigDecimal("1.2"),
                new BigDecimal("0.95"));
    }

    @Test
    void aTrimShrinksCollateralAndDebtAlikeAndFreesItsEquity() {
        LoopState loop = loop();
        assertEquals(new BigDecimal("1.266666"), loop.healthFactor());
        // take 3 ETH of the 30 ETH equity: 10 % of the collateral (10 wstETH) and of the debt (9 WETH)
        LoopUnwinder.Reduction r = new LoopUnwinder(ADDRESSES, VAULT, SETTINGS).reduce("aave-wsteth-loop", loop,
                E18.multiply(BigInteger.valueOf(3)), RATE);
        assertTrue(r.plan().skipped().isEmpty(), r.plan().skipped().toString());
        BigInteger withdrawn = r.plan().steps().stream().map(DeleverageStep::withdrawnWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger repaid = r.plan().steps().stream().map(DeleverageStep::repaidWei).reduce(BigInteger.ZERO, BigInteger::add);
        assertEquals(E18.multiply(BigInteger.TEN), withdrawn);
        assertEquals(E18.multiply(BigInteger.valueOf(9)), repaid);
        // sold 10 wstETH → 12 stETH less 2 wei of share rounding, min-out at 50 bp slippage; the repay is 9 WETH of it
        BigInteger minOut = E18.multiply(BigInteger.valueOf(12)).subtract(BigInteger.TWO).multiply(BigInteger.valueOf(9_950))
                .divide(BigInteger.valueOf(10_000));
        assertEquals(minOut.subtract(E18.multiply(BigInteger.valueOf(9))), r.freedWeth());
        // the health factor is where it was: the leverage is kept
        DeleverageStep last = r.plan().steps().get(r.plan().steps().size() - 1);
        assertEquals(new BigDecimal("1.266666"), last.hfAfter());
        assertTrue(r.plan().steps().stream().allMatch(s -> s.hfAfterWithdraw().compareTo(SETTINGS.minHealthFactor()) >= 0));
        assertEquals(List.of("WITHDRAW", "UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL", "APPROVE", "REPAY", "RESET_APPROVAL"),
                r.plan().actions().stream().map(PlannedAction::kind).toList());
    }

    @Test
    void theBuilderTrimsASmallExitAndUnwindsANearFullOne() {
        PlanBuilder builder = new PlanBuilder(ADDRESSES, VAULT, SETTINGS);
        Map<String, BigDecimal> rates = Map.of("wstETH", new BigDecimal("1.2"));
        BuiltPlan trim = builder.build(List.of(new PlanBuilder.Move(LOOP, E18.negate())), rates, BigInteger.ZERO, BigInteger.ZERO, loop());
        BigInteger withdrawn = trim.steps().stream().map(DeleverageStep::withdrawnWei).reduce(BigInteger.ZERO, BigInteger::add);
        // 1 ETH of 30: a thirtieth of the collateral (3.33 wstETH), not all of it
        assertTrue(withdrawn.compareTo(E18.multiply(BigInteger.valueOf(4))) < 0 && withdrawn.compareTo(E18.multiply(BigInteger.valueOf(3))) > 0,
                "withdrawn " + withdrawn);
        assertTrue(trim.actions().stream().noneMatch(a -> a.call().data().contains("f".repeat(64))), "no withdraw of the whole balance");

        BuiltPlan full = builder.build(List.of(new PlanBuilder.Move(LOOP, E18.multiply(BigInteger.valueOf(29)).negate())), rates,
                BigInteger.ZERO, BigInteger.ZERO, loop());
        assertTrue(full.actions().get(full.actions().size() - 1).call().data().endsWith("f".repeat(64)) || full.actions().stream()
                .anyMatch(a -> a.call().data().contains("f".repeat(64))), "29 of 30 ETH (≥ 95 %) unwinds the loop whole");
    }
}

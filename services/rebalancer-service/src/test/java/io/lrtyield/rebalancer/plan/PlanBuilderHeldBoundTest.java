package io.lrtyield.rebalancer.plan;

import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lrtyield.rebalancer.plan.PlanBuilderTest.ALL;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.E18;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.EIGEN;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.LIDO;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.MIN_101;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.PT;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.SUPPLY;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every exit spends at most what the vault holds at the plan's block: shares, tokens, PT, aToken; a cut says so. */
class PlanBuilderHeldBoundTest {

    static final Map<String, BigDecimal> RATES = Map.of("wstETH", new BigDecimal("1.2"), "weETH", new BigDecimal("1.05"),
            "pendle-pt-weeth", new BigDecimal("0.97"), "eigenlayer-steth", new BigDecimal("1.012345678901234567"));
    final PlanBuilder builder = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, MIN_101);

    static BigInteger lastWord(PlannedAction a) {
        String data = a.call().data();
        return new BigInteger(data.substring(data.length() - 64), 16);
    }

    @Test
    void anExitAskingForMoreThanIsHeldIsClampedToTheHoldingAndSaysSo() {
        BigInteger shares = new BigInteger("3456789012345726415");
        BigInteger wstEth = E18.multiply(BigInteger.TWO);
        BigInteger pt = E18.multiply(BigInteger.valueOf(3));
        BigInteger aToken = E18;
        BigInteger ten = E18.multiply(BigInteger.TEN);
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(EIGEN, ten.negate()), new PlanBuilder.Move(LIDO, ten.negate()),
                new PlanBuilder.Move(PT, ten.negate()), new PlanBuilder.Move(SUPPLY, ten.negate())), RATES, BigInteger.ZERO, BigInteger.ZERO,
                null, Map.of(EIGEN.id(), shares, LIDO.id(), wstEth, PT.id(), pt, SUPPLY.id(), aToken));
        List<PlannedAction> a = plan.actions();
        assertEquals(List.of("QUEUE_WITHDRAWAL", "UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL", "APPROVE", "SELL_PT", "RESET_APPROVAL",
                "UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL", "WITHDRAW"), a.stream().map(PlannedAction::kind).toList());
        assertEquals(shares, lastWord(a.get(0)), "queueWithdrawals' deposit shares");
        assertEquals(wstEth, word(a.get(1), 0), "unwrap(wstETH)");
        assertEquals(pt, word(a.get(5), 1), "approve(market, PT)");
        assertEquals(aToken, word(a.get(12), 1), "Aave withdraw(asset, amount, to)");
        for (String venue : List.of(EIGEN.id(), LIDO.id(), PT.id(), SUPPLY.id())) {
            assertTrue(plan.skipped().stream().anyMatch(s -> s.startsWith(venue + ": exit of ") && s.contains("clamped to")), venue
                    + " " + plan.skipped());
        }
    }

    @Test
    void anExitWorthTheWholeHoldingTakesAllOfItAndASmallerOneKeepsItsSize() {
        BigInteger shares = new BigInteger("3456789012345726415");
        BigInteger worth = new BigDecimal(shares).multiply(RATES.get(EIGEN.id())).toBigInteger();
        // worth ÷ rate rounds to one share under the holding: a full exit would leave it behind
        assertEquals(shares.subtract(BigInteger.ONE), PlanBuilder.tokens(worth, RATES.get(EIGEN.id())));
        BuiltPlan full = builder.build(List.of(new PlanBuilder.Move(EIGEN, worth.negate())), RATES, BigInteger.ZERO, BigInteger.ZERO,
                null, Map.of(EIGEN.id(), shares));
        assertEquals(shares, lastWord(full.actions().get(0)));
        assertTrue(full.skipped().stream().noneMatch(s -> s.contains("clamped")), full.skipped().toString());

        BuiltPlan half = builder.build(List.of(new PlanBuilder.Move(EIGEN, E18.negate())), RATES, BigInteger.ZERO, BigInteger.ZERO,
                null, Map.of(EIGEN.id(), shares));
        assertEquals(PlanBuilder.tokens(E18, RATES.get(EIGEN.id())), lastWord(half.actions().get(0)));
    }

    @Test
    void nothingHeldMeansNoExit() {
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(EIGEN, E18.negate()), new PlanBuilder.Move(LIDO, E18.negate())), RATES,
                BigInteger.ZERO, BigInteger.ZERO, null, Map.of(EIGEN.id(), BigInteger.ZERO, LIDO.id(), BigInteger.ZERO));
        assertTrue(plan.empty());
        assertEquals(List.of("eigenlayer-steth: nothing held at the plan's block; not exited",
                "lido-wsteth: nothing held at the plan's block; not exited"), plan.skipped());
    }
}

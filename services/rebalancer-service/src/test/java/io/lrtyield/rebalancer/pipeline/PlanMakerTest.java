package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.policy.PolicySettings;
import io.lrtyield.rebalancer.portfolio.AaveAccount;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuerTest;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.risk.RiskSettings;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.StressTester;
import io.lrtyield.rebalancer.policy.DecisionPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deleverage never sells collateral on a price that cannot be acted on: only the idle-ETH repay is kept. */
class PlanMakerTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);

    StrategyFactory.Strategy strategy() {
        var c = PortfolioValuerTest.CATALOGUE;
        PlanSettings plan = new PlanSettings(50, new BigDecimal("1.01"), new BigDecimal("1.06"), 40);
        PlanAddresses a = new PlanAddresses(addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), null, null,
                null, null);
        PlanBuilder builder = new PlanBuilder(a, addr(99), plan);
        RiskSettings risk = RiskSettings.defaults();
        StressTester stress = new StressTester(c, risk);
        return new StrategyFactory.Strategy(c, addr(99), PolicySettings.defaults(), risk, plan, a, builder, stress, new RiskScorer(risk),
                new DecisionPolicy(c, PolicySettings.defaults(), new RiskScorer(risk), stress, builder, BigDecimal.ONE));
    }

    static String addr(int n) {
        return String.format("0x%040x", n);
    }

    Portfolio portfolio() {
        AaveAccount aave = new AaveAccount(BigInteger.ONE, BigInteger.ONE, new BigDecimal("0.95"), new BigDecimal("1.020000"),
                Map.of("wstETH", E18.multiply(BigInteger.valueOf(100))), Map.of("WETH", E18.multiply(BigInteger.valueOf(108))));
        return new Portfolio(addr(99), 1, 1, List.of(new VenuePosition("aave-wsteth-loop", List.of(), BigDecimal.TEN, null,
                new BigDecimal("1.02"), List.of())), aave, BigDecimal.TEN, null, List.of());
    }

    PolicyOutcome deleverage() {
        return new PolicyOutcome(PolicyOutcome.DELEVERAGE, "test", Map.of(), null, null, 0, 0, Map.of(), "aave-wsteth-loop", List.of());
    }

    @Test
    void withAnActionablePriceCollateralIsSoldAfterTheIdleRepay() {
        Map<String, PriceTick> prices = Map.of("wstETH", PortfolioValuerTest.tick("wstETH", "1.2", "1.2"));
        BuiltPlan plan = PlanMaker.make(strategy(), deleverage(), portfolio(), E18, BigInteger.ZERO, prices, Map.of());
        assertEquals("idle", plan.steps().get(0).source());
        assertTrue(plan.steps().stream().anyMatch(s -> "collateral".equals(s.source())));
    }

    @Test
    void finalizedEtherFiRequestsAreClaimedFirstInARebalance() {
        StrategyFactory.Strategy base = strategy();
        PlanAddresses a = new PlanAddresses(addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, addr(40));
        PlanBuilder builder = new PlanBuilder(a, addr(99), base.planSettings());
        StrategyFactory.Strategy st = new StrategyFactory.Strategy(base.catalogue(), addr(99), base.policySettings(), base.riskSettings(),
                base.planSettings(), a, builder, base.stress(), base.scorer(), base.policy());
        PolicyOutcome rebalance = new PolicyOutcome(PolicyOutcome.REBALANCE, "test", Map.of(), null,
                new io.lrtyield.strategy.optimizer.AllocationResult(List.of(), 0, List.of(), 0, 0, 1), 0, 0, Map.of(), null, List.of());
        List<io.lrtyield.rebalancer.portfolio.LrtWithdrawalRequest> claimable = List.of(
                new io.lrtyield.rebalancer.portfolio.LrtWithdrawalRequest("etherfi-weeth", "weETH", 9, E18, true),
                new io.lrtyield.rebalancer.portfolio.LrtWithdrawalRequest("etherfi-weeth", "weETH", 4, E18, true));
        BuiltPlan plan = PlanMaker.make(st, rebalance, portfolio(), E18, BigInteger.ZERO, Map.of(), Map.of(), List.of(), claimable);
        assertEquals(List.of("CLAIM_WITHDRAWAL", "CLAIM_WITHDRAWAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(plan.actions().stream().allMatch(x -> x.call().target().equals(addr(40)) && x.call().signature().equals("claimWithdraw(uint256)")));
        assertEquals(List.of(BigInteger.valueOf(4), BigInteger.valueOf(9)),
                plan.actions().stream().map(x -> new BigInteger(x.call().headWord(0), 16)).toList(), "oldest id first");
        // a deleverage is never delayed by claims
        assertTrue(PlanMaker.make(st, deleverage(), portfolio(), E18, BigInteger.ZERO, Map.of(), Map.of(), List.of(), claimable).actions()
                .stream().noneMatch(x -> "CLAIM_WITHDRAWAL".equals(x.kind())));
    }

    @Test
    void withAStaleCollateralPriceOnlyTheIdleRepayIsKept() {
        PriceTick stale = new PriceTick(1, "t", "wstETH", null, null, new BigDecimal("1.2"), null, PriceStatus.STALE, null, List.of(),
                List.of("feed stale"), PortfolioValuerTest.P);
        BuiltPlan plan = PlanMaker.make(strategy(), deleverage(), portfolio(), E18, BigInteger.ZERO, Map.of("wstETH", stale), Map.of());
        assertEquals(List.of("WRAP", "APPROVE", "REPAY", "RESET_APPROVAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        assertEquals(1, plan.steps().size());
        assertTrue(plan.skipped().contains("aave-wsteth-loop: collateral not sold, wstETH price not actionable; idle ETH repay only"),
                plan.skipped().toString());
    }
}

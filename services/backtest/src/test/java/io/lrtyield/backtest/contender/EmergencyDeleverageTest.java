package io.lrtyield.backtest.contender;

import io.lrtyield.backtest.ToyHistories;
import io.lrtyield.backtest.ToyHistories.Toy;
import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.market.QuoteModel;
import io.lrtyield.backtest.run.Cadence;
import io.lrtyield.backtest.run.Suite;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.backtest.sim.Ledger;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.policy.LoopLadder;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loop whose health factor falls under the policy's trigger (1.03) is deleveraged by the production path —
 * DELEVERAGE from the policy, the unwind built by PlanMaker — and the simulator replays its steps: the health factor
 * ends at or above the minimum the plan keeps, the debt shrinks by what the sales fetched, and no liquidation happens.
 */
class EmergencyDeleverageTest {

    static final Catalogue CATALOGUE = BacktestCatalogue.devnet();

    @Test
    void aLoopUnderTheTriggerIsDeleveragedByThePlansOwnSteps() {
        // the lending market prices wstETH at market; at sample 1 the market is 3.3 % under the rate
        MarketHistory h = ToyHistories.of(2, 25, HistoryHeader.MARKET,
                i -> new Toy(1.2, i == 0 ? 1.2 : 1.16, 2_000_000, 10, 0.02, PriceStatus.OK));
        Suite suite = new Suite(Map.of(), Cadence.defaults(), 1000);
        StrategyFactory.Strategy st = suite.strategy();
        Executor ex = new Executor(CATALOGUE, 250_000);
        Ledger l = new Ledger(BigInteger.TEN.pow(20));
        MarketView m0 = new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID);
        List<PlanBuilder.Move> enter = List.of(new PlanBuilder.Move(LoopLadder.at(CATALOGUE.venue("aave-wsteth-loop").orElseThrow(),
                new BigDecimal("0.9")), new BigInteger("90000000000000000000")));
        BuiltPlan entry = st.builder().build(enter, Map.of("wstETH", new BigDecimal("1.2")), l.eth(), BigInteger.ZERO, null);
        ex.execute(l, m0, enter, entry);
        double hf0 = ex.healthFactor(l, m0).doubleValue();
        assertTrue(hf0 > 1.03 && hf0 < 1.07, "entered at LTV ≈ 0.9: HF " + hf0);

        MarketView m1 = new MarketView(h, h.samples().get(1), BacktestCatalogue.CHAIN_ID);
        double hf1 = ex.healthFactor(l, m1).doubleValue();
        assertTrue(hf1 < 1.03 && hf1 > 1, "under the trigger, above liquidation: " + hf1);
        ProductionStrategy strategy = suite.productionStrategy(st);
        Decision d = strategy.decide(new DecisionInput(m1, m1.prices(), new QuoteModel(CATALOGUE).quotes(m1), l, ex, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.DELEVERAGE, strategy.lastOutcome().action(), strategy.lastOutcome().reason());
        assertNotNull(d);
        assertTrue(d.deleverage());
        BigInteger debtBefore = l.loopDebt();
        ex.deleverage(l, m1, d.plan());
        double hf2 = ex.healthFactor(l, m1).doubleValue();
        assertTrue(hf2 >= 1.01, "the plan keeps HF ≥ the minimum: " + hf2);
        assertTrue(l.loopDebt().compareTo(debtBefore) < 0);
        assertEquals(0, l.liquidations());
        assertTrue(l.slippageEth().signum() > 0, "collateral was sold into the pool");
    }

    /**
     * The price service's CRITICAL depeg alert reaches the policy. The loop (HF > 1.2, the lending market on the exchange
     * rate) is above the target health factor, so it is held — not sold into the depeg — and the decision says so. (The backtest first found the emergency path deciding DELEVERAGE here and then building no step,
     * which also kept every other decision out while the alert lasted.)
     */
    @Test
    void aCriticalDepegOfTheCollateralHoldsALoopAboveTheTargetHealthFactor() {
        // the lending market keeps the exchange rate (HF unmoved), but stETH/wstETH trade 2.5 % under it
        MarketHistory h = ToyHistories.of(2, 25, HistoryHeader.FUNDAMENTAL,
                i -> new Toy(1.2, i == 0 ? 1.2 : 1.17, 2_000_000, 10, 0.02, PriceStatus.DEGRADED));
        Suite suite = new Suite(Map.of(), Cadence.defaults(), 1000);
        StrategyFactory.Strategy st = suite.strategy();
        Executor ex = new Executor(CATALOGUE, 250_000);
        Ledger l = new Ledger(BigInteger.TEN.pow(20));
        MarketView m0 = new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID);
        List<PlanBuilder.Move> enter = List.of(new PlanBuilder.Move(LoopLadder.at(CATALOGUE.venue("aave-wsteth-loop").orElseThrow(),
                new BigDecimal("0.76")), new BigInteger("50000000000000000000")));
        ex.execute(l, m0, enter, st.builder().build(enter, Map.of("wstETH", new BigDecimal("1.2")), l.eth(), BigInteger.ZERO, null));
        ProductionStrategy strategy = suite.productionStrategy(st);
        io.lrtyield.backtest.market.DepegAlerts alerts = new io.lrtyield.backtest.market.DepegAlerts(CATALOGUE);
        strategy.observe(alerts.observe(m0));
        MarketView m1 = new MarketView(h, h.samples().get(1), BacktestCatalogue.CHAIN_ID);
        var raised = alerts.observe(m1);
        assertTrue(raised.stream().anyMatch(a -> a.subject().equals("wstETH") && a.severity().equals("CRITICAL") && a.active()), raised.toString());
        strategy.observe(raised);
        assertTrue(ex.healthFactor(l, m1).doubleValue() > 1.2);
        Decision d = strategy.decide(new DecisionInput(m1, m1.prices(), new QuoteModel(CATALOGUE).quotes(m1), l, ex, Long.MIN_VALUE));
        PolicyOutcome o = strategy.lastOutcome();
        assertNotEquals(PolicyOutcome.DELEVERAGE, o.action(), o.reason());
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("active CRITICAL DEPEG alert on") && n.endsWith("held, not sold into the depeg")),
                o.notes().toString());
        assertTrue(d == null || !d.deleverage(), "no deleverage plan");
    }
}

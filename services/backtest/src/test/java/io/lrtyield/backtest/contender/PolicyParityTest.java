package io.lrtyield.backtest.contender;

import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.market.QuoteModel;
import io.lrtyield.backtest.run.Cadence;
import io.lrtyield.backtest.run.Suite;
import io.lrtyield.backtest.scenario.Scenario;
import io.lrtyield.backtest.scenario.ScenarioGenerator;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.backtest.sim.Ledger;
import io.lrtyield.backtest.sim.VaultSnapshot;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.policy.DecisionPolicy;
import io.lrtyield.rebalancer.policy.MarketState;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.pipeline.PlanMaker;
import io.lrtyield.rebalancer.pipeline.StrategyConfig;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backtester decides with the service's own code: on the same snapshot, the outcome and the plan it builds equal
 * what the rebalancer's pipeline computes — the pipeline's steps written out here as {@code SnapshotPipeline.decide}
 * runs them (valuer → {@code DecisionPolicy#decide} → {@code PlanMaker#make}), with a {@link StrategyConfig} bound
 * from its {@code @WithDefault}s as a service without strategy properties would bind it. Any copy of decision code
 * in the backtester that drifts from production fails here.
 */
class PolicyParityTest {

    static final Catalogue CATALOGUE = BacktestCatalogue.devnet();

    @Test
    void theDecisionCodeIsTheRebalancersNotACopy() {
        String where = DecisionPolicy.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(where.contains("rebalancer-service"), "DecisionPolicy loaded from " + where);
        assertFalse(where.contains("services/backtest"), where);
    }

    @ParameterizedTest
    @CsvSource({"calm-year, 0.5", "lst-discount, 40", "lrt-depeg, 10.2", "oracle-outage, 11", "borrow-spike, 12"})
    void sameSnapshotSameOutcomeAndPlan(String scenario, double day) {
        MarketHistory h = ScenarioGenerator.generate(Scenario.of(scenario), 7, day + 0.1);
        MarketView m = new MarketView(h, h.at(h.header().blockOf(h.header().samples() - 1)), BacktestCatalogue.CHAIN_ID);
        Map<String, PriceTick> prices = m.prices();
        Map<String, YieldQuote> quotes = new QuoteModel(CATALOGUE).quotes(m);
        Executor ex = new Executor(CATALOGUE, 250_000);
        for (Ledger ledger : List.of(new Ledger(BigInteger.TEN.pow(21)), held(m, ex, quotes, prices))) {
            long lastPlan = m.timestamp() - 7_200;
            // the backtester's path
            Suite suite = new Suite(Map.of(), Cadence.defaults(), 1000);
            ProductionStrategy backtester = suite.productionStrategy(suite.strategy());
            DecisionInput in = new DecisionInput(m, prices, quotes, ledger, ex, lastPlan);
            Decision decision = backtester.decide(in);
            PolicyOutcome ours = backtester.lastOutcome();
            // the service's path on the same snapshot
            StrategyFactory.Strategy service = StrategyFactory.create(defaults(), CATALOGUE, BacktestCatalogue.vault(CATALOGUE));
            RawSnapshot raw = VaultSnapshot.raw(ledger, m, ex, CATALOGUE);
            Portfolio portfolio = new PortfolioValuer(CATALOGUE).value(service.vault(), raw, prices);
            PolicyOutcome theirs = service.policy().decide(new MarketState(portfolio, quotes, prices,
                    new AlertBook(Duration.ofDays(30).toSeconds()), lastPlan, null, null));
            assertEquals(theirs.action(), ours.action(), scenario);
            assertEquals(theirs.reason(), ours.reason(), scenario);
            assertEquals(theirs.excluded(), ours.excluded());
            assertEquals(theirs.notes(), ours.notes());
            assertEquals(theirs.gainEth(), ours.gainEth());
            assertEquals(theirs.costEth(), ours.costEth());
            assertEquals(theirs.result() == null ? null : theirs.result().allocations(), ours.result() == null ? null : ours.result().allocations());
            if (!PolicyOutcome.HOLD.equals(theirs.action())) {
                BuiltPlan plan = PlanMaker.make(service, theirs, portfolio, raw.ethBalance(), BigInteger.ZERO, prices,
                        PlanMaker.venueRates(raw, quotes), raw.finalizedLidoRequests());
                assertNotNull(decision);
                assertEquals(plan.actions().stream().map(Object::toString).toList(),
                        decision.plan().actions().stream().map(Object::toString).toList());
                assertEquals(plan.steps(), decision.plan().steps());
            }
        }
    }

    /** A vault already invested: wstETH, rETH and a loop, entered through the builder at this sample. */
    private static Ledger held(MarketView m, Executor ex, Map<String, YieldQuote> quotes, Map<String, PriceTick> prices) {
        StrategyFactory.Strategy st = new Suite(Map.of(), Cadence.defaults(), 1000).strategy();
        Ledger l = new Ledger(BigInteger.TEN.pow(21));
        var moves = List.of(new io.lrtyield.rebalancer.plan.PlanBuilder.Move(CATALOGUE.venue("lido-wsteth").orElseThrow(), BigInteger.TEN.pow(20).multiply(BigInteger.valueOf(3))),
                new io.lrtyield.rebalancer.plan.PlanBuilder.Move(CATALOGUE.venue("rocketpool-reth").orElseThrow(), BigInteger.TEN.pow(20).multiply(BigInteger.valueOf(3))),
                new io.lrtyield.rebalancer.plan.PlanBuilder.Move(io.lrtyield.rebalancer.policy.LoopLadder.at(CATALOGUE.venue("aave-wsteth-loop").orElseThrow(),
                        new BigDecimal("0.76")), BigInteger.TEN.pow(20).multiply(BigInteger.valueOf(2))));
        Map<String, BigDecimal> rates = Map.of("wstETH", m.rate("wstETH"), "rETH", m.rate("rETH"));
        BuiltPlan plan = st.builder().build(moves, rates, l.eth(), BigInteger.ZERO, null);
        ex.execute(l, m, moves, plan);
        assertTrue(l.loopDebt().signum() > 0 && l.token("rETH").signum() > 0);
        return l;
    }

    /** The strategy settings a service binds with no rebalancer.strategy.* property set: each key's {@code @WithDefault}. */
    static StrategyConfig defaults() {
        return (StrategyConfig) Proxy.newProxyInstance(StrategyConfig.class.getClassLoader(), new Class<?>[]{StrategyConfig.class},
                (proxy, method, args) -> {
                    WithDefault d = method.getAnnotation(WithDefault.class);
                    Class<?> t = method.getReturnType();
                    if (t == Optional.class) {
                        return Optional.empty();
                    }
                    String v = d.value();
                    if (t == boolean.class) {
                        return Boolean.parseBoolean(v);
                    } else if (t == double.class) {
                        return Double.parseDouble(v);
                    } else if (t == long.class) {
                        return Long.parseLong(v);
                    } else if (t == int.class) {
                        return Integer.parseInt(v);
                    } else if (t == BigDecimal.class) {
                        return new BigDecimal(v);
                    } else if (t == Duration.class) {
                        return Duration.parse(v);
                    }
                    return v;
                });
    }
}

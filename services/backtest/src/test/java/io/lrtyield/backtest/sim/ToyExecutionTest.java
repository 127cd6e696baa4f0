package io.lrtyield.backtest.sim;

import io.lrtyield.backtest.ToyHistories;
import io.lrtyield.backtest.ToyHistories.Toy;
import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.contender.Contender;
import io.lrtyield.backtest.contender.Decision;
import io.lrtyield.backtest.contender.DecisionInput;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.run.Backtest;
import io.lrtyield.backtest.run.Cadence;
import io.lrtyield.backtest.run.Metrics;
import io.lrtyield.backtest.run.RunResult;
import io.lrtyield.backtest.run.Suite;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-venue toy (lido-wsteth and the wstETH loop, beside idle ETH) whose every figure is worked out by hand here:
 * gas, a DEX sale's slippage, a queue exit's payout and its timing, a liquidation's repay and seizure.
 */
class ToyExecutionTest {

    static final BigDecimal E18 = BigDecimal.TEN.pow(18);
    static final Catalogue CATALOGUE = BacktestCatalogue.devnet();
    static final StrategyFactory.Strategy ST = new Suite(Map.of(), Cadence.defaults(), 1000).strategy();
    static final Venue LIDO = CATALOGUE.venue("lido-wsteth").orElseThrow();

    /** wstETH at 1.2 ETH, trading 1 % under it; 10,000 ETH of depth; 10 gwei; no interest. */
    static Toy calm(int i) {
        return new Toy(1.2, 1.188, 10_000, 10, 0, PriceStatus.OK);
    }

    static double eth(BigInteger wei) {
        return new BigDecimal(wei).divide(E18, MathContext.DECIMAL128).doubleValue();
    }

    @Test
    void dexSaleFillsAtThePoolPriceAndGasIsActionsTimesGasPerActionTimesGasPrice() {
        MarketHistory h = ToyHistories.of(2, 25, HistoryHeader.FUNDAMENTAL, ToyExecutionTest::calm);
        MarketView m = new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID);
        Executor ex = new Executor(CATALOGUE, 250_000);
        Ledger l = new Ledger(new BigInteger("100000000000000000000")); // 100 ETH
        BuiltPlan enter = plan(List.of(new PlanBuilder.Move(LIDO, wei("60"))), l);
        ex.execute(l, m, List.of(new PlanBuilder.Move(LIDO, wei("60"))), enter);
        // 60 ETH minted at the rate: floor(60e18 / 1.2) = 50e18 wstETH
        assertEquals(new BigInteger("50000000000000000000"), l.token("wstETH"));
        assertEquals(new BigInteger("40000000000000000000"), l.eth());
        // gas: actions × 250,000 × 10 gwei
        int a1 = enter.actions().size();
        assertEquals(a1 * 250_000L * 10 * 1_000_000_000L, l.gasPaidWei().longValueExact());

        PlanBuilder.Move out = new PlanBuilder.Move(LIDO, wei("-24"), ExitRoute.Kind.INSTANT_DEX);
        BuiltPlan exit = plan(List.of(out), l);
        ex.execute(l, m, List.of(out), exit);
        // 24 ETH at the rate = 20 wstETH sold at 1.188 into 10,000 ETH of depth with a 1-bp fee:
        // v = 23.76, out = 23.76 · 0.9999 · 10000 / 10023.76
        double v = 20 * 1.188;
        double proceeds = v * 0.9999 * 10_000 / (10_000 + v);
        assertEquals(30.0, eth(l.token("wstETH")), 1e-9);
        assertEquals(40 + proceeds, eth(l.eth()), 1e-9);
        assertEquals(24 - proceeds, l.slippageEth().doubleValue(), 1e-9);
        assertEquals((a1 + exit.actions().size()) * 250_000L * 10e-9, eth(l.gasPaidWei()), 1e-12);
        assertEquals(2, l.plans());
    }

    @Test
    void aQueueExitPaysTheStEthValueFiveDaysLaterNotBefore() {
        // samples 12 h apart: the 5-day delay is 36,000 blocks, paid at the first block at or after it
        MarketHistory h = ToyHistories.of(12, 3_600, HistoryHeader.FUNDAMENTAL, ToyExecutionTest::calm);
        Contender queueOnce = new Contender() {
            int step;

            @Override
            public String name() {
                return "toy";
            }

            @Override
            public Decision decide(DecisionInput in) {
                Ledger l = in.ledger();
                if (step == 0) {
                    step++;
                    List<PlanBuilder.Move> moves = List.of(new PlanBuilder.Move(LIDO, wei("60")));
                    return new Decision(moves, plan(moves, l), false, "enter");
                }
                if (step == 1) {
                    step++;
                    List<PlanBuilder.Move> moves = List.of(new PlanBuilder.Move(LIDO, wei("-30"), ExitRoute.Kind.QUEUE));
                    return new Decision(moves, plan(moves, l), false, "queue");
                }
                return null;
            }
        };
        Executor ex = new Executor(CATALOGUE, 250_000);
        RunResult r = new Backtest(CATALOGUE, ex, new Cadence(3_600, 1e9, 1e9, 1e9, 0), wei("100"), null).run(h, List.of(queueOnce));
        Metrics m = r.metrics().get(0);
        // queued at block 1000 + 3600 = 4600: 25 wstETH · 1.2 = 30 ETH, due at 4600 + 36000 = 40600, in the queue 36,000 blocks
        assertEquals(30.0 * 36_000 * 12 / 86_400, m.queueEthDays(), 1e-9);
        // end: 40 ETH idle + 30 ETH paid back + 25 wstETH at 1.2 − gas
        double gasEth = m.gasEth();
        assertEquals(100 - gasEth, m.endFundamentalEth(), 1e-9);
        assertEquals(2, m.plans());
        assertTrue(gasEth > 0);
    }

    @Test
    void aLoopBelowHealthFactorOneIsLiquidatedWithTheBonus() {
        // the lending market prices wstETH at market; market falls from 1.2 to 1.128 (−6 %)
        MarketHistory h = ToyHistories.of(2, 25, HistoryHeader.MARKET, i -> new Toy(1.2, i == 0 ? 1.2 : 1.128, 10_000, 10, 0, PriceStatus.OK));
        Executor ex = new Executor(CATALOGUE, 250_000);
        Ledger l = new Ledger(BigInteger.ZERO);
        l.loopCollateral = wei("83.333333333333333333"); // 100 ETH of wstETH at 1.2
        l.loopDebt = wei("90");
        MarketView before = new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID);
        // HF = 83.33… · 1.2 · 0.95 / 90 = 1.0556
        assertEquals(100 * 0.95 / 90, ex.healthFactor(l, before).doubleValue(), 1e-9);
        assertTrue(!ex.liquidate(l, before, new BigDecimal("0.01")));
        MarketView after = new MarketView(h, h.samples().get(1), BacktestCatalogue.CHAIN_ID);
        double c = 83.333333333333333333;
        double hf = c * 1.128 * 0.95 / 90;
        assertEquals(hf, ex.healthFactor(l, after).doubleValue(), 1e-9);
        assertTrue(hf < 1 && hf >= 0.95);
        assertTrue(ex.liquidate(l, after, new BigDecimal("0.01")));
        // HF ≥ 0.95: half the debt repaid (45), collateral worth 45 · 1.01 seized at the oracle price 1.128
        double seized = 45 * 1.01 / 1.128;
        assertEquals(45.0, eth(l.loopDebt), 1e-9);
        assertEquals(c - seized, eth(l.loopCollateral), 1e-9);
        assertEquals(45 * 1.01, l.liquidatedCollateralEth().doubleValue(), 1e-9);
        assertEquals(1, l.liquidations());
        // after it: (c − seized) · 1.128 · 0.95 / 45
        assertEquals((c - seized) * 1.128 * 0.95 / 45, ex.healthFactor(l, after).doubleValue(), 1e-9);
    }

    @Test
    void belowHealthFactor095TheWholeDebtIsCalledAndTheSeizureIsCappedByTheCollateral() {
        // market 1.02: HF = 83.33… · 1.02 · 0.95 / 90 = 0.897 < 0.95, so the whole debt may be repaid — but 90 · 1.01 / 1.02
        // = 89.1 wstETH is more than the 83.33 held: all of it is seized and repays 83.33… · 1.02 / 1.01; the rest is bad debt
        MarketHistory h = ToyHistories.of(1, 25, HistoryHeader.MARKET, i -> new Toy(1.2, 1.02, 10_000, 10, 0, PriceStatus.OK));
        Executor ex = new Executor(CATALOGUE, 250_000);
        Ledger l = new Ledger(BigInteger.ZERO);
        l.loopCollateral = wei("83.333333333333333333");
        l.loopDebt = wei("90");
        MarketView m = new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID);
        assertEquals(83.333333333333333333 * 1.02 * 0.95 / 90, ex.healthFactor(l, m).doubleValue(), 1e-9);
        assertTrue(ex.liquidate(l, m, new BigDecimal("0.01")));
        assertEquals(0.0, eth(l.loopCollateral), 1e-9);
        assertEquals(90 - 83.333333333333333333 * 1.02 / 1.01, eth(l.loopDebt), 1e-9);
        assertEquals(0.0, ex.healthFactor(l, m).doubleValue(), 1e-9);
    }

    @Test
    void debtAccruesAtTheBorrowAprBetweenSamples() {
        MarketHistory h = ToyHistories.of(1, 25, HistoryHeader.FUNDAMENTAL, i -> new Toy(1.2, 1.2, 10_000, 10, 0.0365, PriceStatus.OK));
        Executor ex = new Executor(CATALOGUE, 250_000);
        Ledger l = new Ledger(BigInteger.ZERO);
        l.loopDebt = wei("90");
        ex.accrue(l, new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID), 86_400);
        // one day at 3.65 % APR: 90 · (1 + 0.0365 / 365) = 90.009
        assertEquals(90.009, eth(l.loopDebt), 1e-12);
    }

    static BuiltPlan plan(List<PlanBuilder.Move> moves, Ledger l) {
        return ST.builder().build(moves, Map.of("wstETH", new BigDecimal("1.2")), l.eth(), BigInteger.ZERO, null);
    }

    static BigInteger wei(String eth) {
        return new BigDecimal(eth).movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
    }
}

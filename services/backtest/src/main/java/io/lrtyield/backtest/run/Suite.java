package io.lrtyield.backtest.run;

import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.config.ServiceConfig;
import io.lrtyield.backtest.contender.Benchmarks;
import io.lrtyield.backtest.contender.Contender;
import io.lrtyield.backtest.contender.ProductionStrategy;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.rebalancer.pipeline.StrategyConfig;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the production strategy and the benchmarks for the devnet catalogue and runs a history through them. */
public final class Suite {

    private final Catalogue catalogue;
    private final StrategyConfig config;
    private final Cadence cadence;
    private final BigInteger startWei;

    public Suite(Map<String, String> overrides, Cadence cadence, double startEth) {
        this.catalogue = BacktestCatalogue.devnet();
        this.config = ServiceConfig.strategy(overrides);
        this.cadence = cadence;
        this.startWei = BigDecimal.valueOf(startEth).movePointRight(18).toBigIntegerExact();
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** A fresh strategy (the policy keeps per-instance caches; each run gets its own). */
    public StrategyFactory.Strategy strategy() {
        return StrategyFactory.create(config, catalogue, BacktestCatalogue.vault(catalogue));
    }

    public RunResult run(MarketHistory history, PrintStream progress) {
        StrategyFactory.Strategy st = strategy();
        List<Contender> contenders = new ArrayList<>(Benchmarks.all(st));
        contenders.add(new ProductionStrategy(st, config.alertWindow().toSeconds()));
        Executor executor = new Executor(catalogue, st.policySettings().gasPerAction());
        return new Backtest(catalogue, executor, cadence, startWei, progress).run(history, contenders);
    }

    /** The strategy as a contender, with the configured alert window. */
    public ProductionStrategy productionStrategy(StrategyFactory.Strategy st) {
        return new ProductionStrategy(st, config.alertWindow().toSeconds());
    }
}

package io.lrtyield.backtest.bench;

import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.run.Cadence;
import io.lrtyield.backtest.run.RunResult;
import io.lrtyield.backtest.run.Suite;
import io.lrtyield.backtest.scenario.Scenario;
import io.lrtyield.backtest.scenario.ScenarioGenerator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench-backtest}: the one-year calm history (2.63 M blocks, 14 catalogue venues, 10 quoted) generated
 * once, then backtested N times (default 3) with the strategy and the four benchmarks; prints each run and the
 * medians. The first run also warms the JIT, as a long CLI run would.
 */
public final class BacktestBench {

    private BacktestBench() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long g0 = System.nanoTime();
        MarketHistory h = ScenarioGenerator.generate(Scenario.CALM_YEAR, 42);
        double generate = (System.nanoTime() - g0) / 1e9;
        List<Double> times = new ArrayList<>();
        List<Integer> decisions = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Suite suite = new Suite(java.util.Map.of(), Cadence.defaults(), 1000);
            long t0 = System.nanoTime();
            RunResult r = suite.run(h, null);
            double s = (System.nanoTime() - t0) / 1e9;
            times.add(s);
            decisions.add(r.of("strategy").decisions());
            System.out.printf(Locale.ROOT, "run %d: %.2f s (%d blocks, strategy decisions %d, plans %d)%n", i + 1, s, h.header().blocks(),
                    r.of("strategy").decisions(), r.of("strategy").plans());
        }
        Collections.sort(times);
        System.out.printf(Locale.ROOT, "calm-year history generated in %.2f s; backtest median %.2f s over %d runs (min %.2f, max %.2f)%n",
                generate, times.get(times.size() / 2), runs, times.get(0), times.get(times.size() - 1));
    }
}

package io.lrtyield.backtest.cli;

import io.lrtyield.backtest.history.HistoryFile;
import io.lrtyield.backtest.history.HistoryFormatException;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.report.ReportWriter;
import io.lrtyield.backtest.report.SummaryTable;
import io.lrtyield.backtest.run.Cadence;
import io.lrtyield.backtest.run.RunResult;
import io.lrtyield.backtest.run.Suite;
import io.lrtyield.backtest.scenario.Scenario;
import io.lrtyield.backtest.scenario.ScenarioGenerator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code make backtest ARGS=…}: generates (or imports) the histories, runs the strategy and the benchmarks through
 * them, prints one table (scenario × contender → net APY, max drawdown, worst HF, liquidations, gas) and the
 * issue's acceptance checks, and writes the report under {@code target/backtest/}. Exit 0 when it ran (whatever the
 * checks say), 2 on bad input.
 */
public final class BacktestCli {

    /** Below this a history's annualised figures mostly say what entering cost. */
    static final double SHORT_DAYS = 7;

    private BacktestCli() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            err.print(Options.USAGE);
            return 2;
        }
        if (o.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        try {
            Suite suite = new Suite(o.overrides(), new Cadence(o.decideEvery(), 25, 25, 50, 1.05), o.startEth());
            List<RunResult> results = new ArrayList<>();
            if (o.history() != null) {
                MarketHistory h = HistoryFile.read(o.history());
                err.println("backtest: " + h.header().name() + " from " + o.history() + " (" + h.header().samples() + " samples, "
                        + String.format("%.1f", h.header().days()) + " days)");
                if (h.header().days() < SHORT_DAYS) {
                    err.printf("backtest: note: %.2f days annualise one-off entry costs and gas over a short window; compare the "
                            + "contenders with each other, not their APYs with a year's (record longer for figures that hold)%n", h.header().days());
                }
                results.add(suite.run(h, err));
            } else {
                for (Scenario s : o.scenarios()) {
                    MarketHistory h = o.days() == null ? ScenarioGenerator.generate(s, o.seed()) : ScenarioGenerator.generate(s, o.seed(), o.days());
                    if (o.saveHistory() != null) {
                        HistoryFile.write(h, o.saveHistory().resolve(s.id() + "-" + o.seed() + ".history.gz"));
                    }
                    err.printf("backtest: %s, %d blocks (%.0f days), seed %d …%n", s.id(), h.header().blocks(), h.header().days(), o.seed());
                    RunResult r = suite.run(h, err);
                    err.printf("backtest: %s done in %.1f s%n", s.id(), r.millis() / 1000.0);
                    results.add(r);
                }
            }
            out.print(SummaryTable.render(results));
            out.print(SummaryTable.acceptance(results));
            if (o.report()) {
                Path dir = ReportWriter.write(o.out(), results, "make backtest ARGS=\"" + String.join(" ", args) + "\"");
                out.println("report: " + dir.resolve("report.md") + ", " + dir.resolve("report.html") + ", " + dir.resolve("summary.json"));
            }
            return 0;
        } catch (HistoryFormatException e) {
            err.println("backtest: bad history: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            return 2;
        }
    }
}

package io.lrtyield.backtest.report;

import io.lrtyield.backtest.run.Metrics;
import io.lrtyield.backtest.run.RunResult;
import io.lrtyield.backtest.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The console table (scenario × contender) and the acceptance checks, read off the metrics. */
public final class SummaryTable {

    public static final String STRATEGY = "strategy";
    public static final String CHASE = "chase-top-apy";
    public static final String WSTETH = "wstETH-100";

    private SummaryTable() {
    }

    public static String render(List<RunResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-19s %-14s %9s %11s %11s %9s %5s %9s %6s%n", "scenario", "contender", "net APY",
                "maxDD mkt", "maxDD fund", "worst HF", "liq", "gas ETH", "plans"));
        for (RunResult r : results) {
            for (Metrics m : r.metrics()) {
                sb.append(String.format(Locale.ROOT, "%-19s %-14s %8.2f%% %10.2f%% %10.2f%% %9s %5d %9.4f %6d%n", r.history().name(),
                        m.contender(), m.netApy() * 100, m.maxDrawdownMarket() * 100, m.maxDrawdownFundamental() * 100, hf(m.worstHealthFactor()),
                        m.liquidations(), m.gasEth(), m.plans()));
            }
        }
        return sb.toString();
    }

    /** Rounded down: a health factor just under 1 must not print as 1.0000. */
    static String hf(double hf) {
        return Double.isNaN(hf) ? "—" : String.format(Locale.ROOT, "%.4f", Math.floor(hf * 10_000) / 10_000);
    }

    /** One line per check: PASS or FAIL with the numbers. */
    public static List<String> checks(List<RunResult> results) {
        List<String> out = new ArrayList<>();
        List<String> liquidated = new ArrayList<>();
        for (RunResult r : results) {
            Metrics s = r.of(STRATEGY);
            if (s.liquidations() > 0) {
                liquidated.add(r.history().name() + " (" + s.liquidations() + ")");
            }
        }
        out.add((liquidated.isEmpty() ? "PASS" : "FAIL") + " strategy never liquidated"
                + (liquidated.isEmpty() ? "" : ": liquidated in " + String.join(", ", liquidated)));
        for (RunResult r : results) {
            boolean crisis = isCrisis(r.history().name());
            Metrics s = r.of(STRATEGY);
            Metrics c = r.of(CHASE);
            if (crisis) {
                boolean ok = s.maxDrawdownMarket() < c.maxDrawdownMarket() || (s.maxDrawdownMarket() == 0 && c.maxDrawdownMarket() == 0);
                out.add(String.format(Locale.ROOT, "%s %s: strategy max drawdown %.3f %% vs chase-top-apy %.3f %% at market prices "
                                + "(at the protocols' rates: %.3f %% vs %.3f %%)", ok ? "PASS" : "FAIL", r.history().name(),
                        s.maxDrawdownMarket() * 100, c.maxDrawdownMarket() * 100, s.maxDrawdownFundamental() * 100, c.maxDrawdownFundamental() * 100));
            } else if (Scenario.CALM_YEAR.id().equals(r.history().name())) {
                Metrics w = r.of(WSTETH);
                out.add(String.format(Locale.ROOT, "%s %s: strategy net APY %.3f %% vs 100 %% wstETH %.3f %%",
                        s.netApy() >= w.netApy() ? "PASS" : "FAIL", r.history().name(), s.netApy() * 100, w.netApy() * 100));
            }
        }
        return out;
    }

    public static String acceptance(List<RunResult> results) {
        return "\nacceptance (issue 13):\n" + String.join("\n", checks(results).stream().map(l -> "  " + l).toList()) + "\n";
    }

    static boolean isCrisis(String name) {
        for (Scenario s : Scenario.values()) {
            if (s.id().equals(name)) {
                return s.crisis();
            }
        }
        return false;
    }
}

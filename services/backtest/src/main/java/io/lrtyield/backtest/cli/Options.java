package io.lrtyield.backtest.cli;

import io.lrtyield.backtest.scenario.Scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI's options. Without any: the whole scenario suite at seed 42.
 *
 * @param scenarios     scenarios to generate and run (empty when a history file is given)
 * @param history       a history file to import and run instead
 * @param saveHistory   directory to write each generated history to (gzip'd), null for none
 * @param days          override of each scenario's length, null for its own
 * @param overrides     strategy settings over the production ones ({@code --set venue-cap-fraction=0.4})
 */
record Options(List<Scenario> scenarios, long seed, Path history, Path saveHistory, Double days, long decideEvery, double startEth,
               Map<String, String> overrides, Path out, boolean report, boolean help) {

    static final String USAGE = """
            usage: make backtest ARGS="[options]"
              --scenario <ids>       comma-separated, default all: %s
              --seed <n>             generator seed (default 42)
              --days <d>             override each scenario's length in days
              --history <file>       run an imported history file (gzip'd, see README) instead of scenarios
              --save-history <dir>   also write each generated history to <dir>/<scenario>-<seed>.history.gz
              --decide-every <n>     blocks between the strategy's regular decisions (default 300 = 1 h)
              --start-eth <eth>      vault size (default 1000)
              --set <key=value>      a rebalancer.strategy.* setting for this run only (repeatable), e.g. venue-cap-fraction=0.4
              --out <dir>            report directory (default target/backtest; under make: services/backtest/target/backtest)
              --no-report            print the table only
              --help
            """.formatted(String.join(", ", Arrays.stream(Scenario.values()).map(Scenario::id).toList()));

    static Options parse(String[] args) {
        List<Scenario> scenarios = new ArrayList<>();
        long seed = 42;
        Path history = null;
        Path save = null;
        Double days = null;
        long every = 300;
        double startEth = 1000;
        Map<String, String> overrides = new LinkedHashMap<>();
        Path out = Path.of(System.getProperty("backtest.out", "target/backtest"));
        boolean report = true;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scenario" -> {
                    for (String id : value(args, ++i, a).split(",")) {
                        scenarios.add(Scenario.of(id.trim()));
                    }
                }
                case "--seed" -> seed = number(value(args, ++i, a), a);
                case "--days" -> days = positive(value(args, ++i, a), a);
                case "--history" -> history = Path.of(value(args, ++i, a));
                case "--save-history" -> save = Path.of(value(args, ++i, a));
                case "--decide-every" -> every = number(value(args, ++i, a), a);
                case "--start-eth" -> startEth = positive(value(args, ++i, a), a);
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--set expects key=value, got \"" + kv + "\"");
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--no-report" -> report = false;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option \"" + a + "\"");
            }
        }
        if (history != null && !scenarios.isEmpty()) {
            throw new IllegalArgumentException("--history and --scenario exclude each other");
        }
        if (history == null && scenarios.isEmpty()) {
            scenarios.addAll(List.of(Scenario.values()));
        }
        if (every <= 0) {
            throw new IllegalArgumentException("--decide-every must be positive");
        }
        return new Options(List.copyOf(scenarios), seed, history, save, days, every, startEth, overrides, out, report, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String s, String option) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer, got \"" + s + "\"");
        }
    }

    private static double positive(String s, String option) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a positive number, got \"" + s + "\"");
        }
    }
}

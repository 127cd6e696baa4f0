package io.lrtyield.backtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lrtyield.backtest.run.Metrics;
import io.lrtyield.backtest.run.RunResult;
import io.lrtyield.backtest.run.Series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report under the output directory: per history four PNG charts (value of each contender at market, the
 * strategy's allocation, discounts and the borrow APR, health factors), {@code report.md}, {@code report.html} and
 * {@code summary.json}. Every file is written atomically, the summary last, in a directory swapped in whole.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * Writes the report into a fresh sibling directory and only then swaps it in for {@code target}: a run that fails
     * half-way leaves the previous report whole (or none), never a mix.
     */
    public static Path write(Path target, List<RunResult> results, String invocation) {
        Path dir = target.toAbsolutePath().resolveSibling(target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(dir);
            writeInto(dir, results, invocation);
            deleteTree(target);
            java.nio.file.Files.move(dir, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!java.nio.file.Files.exists(p)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(x);
            }
        }
    }

    private static void writeInto(Path dir, List<RunResult> results, String invocation) {
        StringBuilder md = new StringBuilder("# Backtest report\n\n");
        md.append("Run: `").append(invocation).append("`\n\n");
        md.append("The production decision code (DecisionPolicy, LoopLadder, StressTester, RiskScorer, the optimizer, PlanMaker and "
                + "PlanBuilder with the rebalancer's own configuration) replayed block by block; benchmarks trade through the same plan builder.\n\n");
        md.append("## Summary\n\n```\n").append(SummaryTable.render(results)).append(SummaryTable.acceptance(results)).append("```\n\n");
        for (RunResult r : results) {
            String id = r.history().name();
            Series s = r.series();
            AtomicFiles.write(dir.resolve(id + "-value.png"), out -> out.write(LineChart.png(id + ": value at market prices (ETH)", "ETH",
                    s.days, s.market, false)));
            AtomicFiles.write(dir.resolve(id + "-allocation.png"), out -> out.write(LineChart.png(id + ": strategy allocation (share of value)",
                    "share", s.days, s.allocation, true)));
            AtomicFiles.write(dir.resolve(id + "-market.png"), out -> out.write(LineChart.png(id + ": discounts and WETH borrow APR (%)", "%",
                    s.days, s.focus, false)));
            Map<String, List<Double>> hf = new LinkedHashMap<>();
            s.healthFactor.forEach((k, v) -> {
                if (v.stream().anyMatch(x -> !x.isNaN())) {
                    hf.put(k, v);
                }
            });
            AtomicFiles.write(dir.resolve(id + "-hf.png"), out -> out.write(LineChart.png(id + ": loop health factor", "HF", s.days, hf, false)));
            md.append("## ").append(id).append("\n\n").append(r.history().description()).append("  \n")
                    .append(String.format(Locale.ROOT, "%.1f days, %d blocks of %d s, seed %d, lending oracle: %s, run in %.1f s.%n%n",
                            r.history().days(), r.history().blocks(), r.history().blockSeconds(), r.history().seed(),
                            r.history().lendingOracle(), r.millis() / 1000.0));
            md.append("| contender | net APY | end ETH (fund.) | end ETH (mkt) | maxDD mkt | maxDD fund | worst HF | liq. | liquidated coll. ETH | turnover | gas ETH | slippage ETH | queue ETH-days | avg idle | plans |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Metrics m : r.metrics()) {
                md.append(String.format(Locale.ROOT, "| %s | %.3f %% | %.4f | %.4f | %.3f %% | %.3f %% | %s | %d | %.4f | %.3f | %.4f | %.4f | %.2f | %.1f %% | %d |%n",
                        m.contender(), m.netApy() * 100, m.endFundamentalEth(), m.endMarketEth(), m.maxDrawdownMarket() * 100,
                        m.maxDrawdownFundamental() * 100, SummaryTable.hf(m.worstHealthFactor()), m.liquidations(), m.liquidatedCollateralEth(),
                        m.turnover(), m.gasEth(), m.slippageEth(), m.queueEthDays(), m.avgIdleShare() * 100, m.plans()));
            }
            md.append("\n![value](").append(id).append("-value.png)\n![allocation](").append(id).append("-allocation.png)\n![market](")
                    .append(id).append("-market.png)\n![hf](").append(id).append("-hf.png)\n\n");
            if (!r.planLog().isEmpty()) {
                md.append("Strategy plans (first ").append(Math.min(15, r.planLog().size())).append("):\n\n");
                r.planLog().stream().limit(15).forEach(l -> md.append("- ").append(l).append('\n'));
                md.append('\n');
            }
        }
        AtomicFiles.writeString(dir.resolve("report.md"), md.toString());
        AtomicFiles.writeString(dir.resolve("report.html"), html(md.toString()));
        AtomicFiles.writeString(dir.resolve("summary.json"), json(results, invocation));
    }

    /** The Markdown as a self-contained page: tables, code blocks, images, headings and list items. */
    static String html(String md) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Backtest report</title><style>"
                + "body{font-family:sans-serif;max-width:1200px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:3px 6px;font-size:13px}pre{background:#f6f6f6;padding:8px;font-size:12px}</style></head><body>\n");
        boolean pre = false;
        boolean table = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("```")) {
                h.append(pre ? "</pre>\n" : "<pre>");
                pre = !pre;
                continue;
            }
            if (pre) {
                h.append(escape(line)).append('\n');
                continue;
            }
            if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                String cell = table ? "td" : "th";
                if (!table) {
                    h.append("<table>");
                    table = true;
                }
                h.append("<tr>");
                for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                    h.append('<').append(cell).append('>').append(escape(c.trim())).append("</").append(cell).append('>');
                }
                h.append("</tr>\n");
                continue;
            }
            if (table) {
                h.append("</table>\n");
                table = false;
            }
            if (line.startsWith("## ")) {
                h.append("<h2>").append(escape(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                h.append("<h1>").append(escape(line.substring(2))).append("</h1>\n");
            } else if (line.startsWith("![")) {
                String src = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                h.append("<img src=\"").append(escape(src)).append("\"><br>\n");
            } else if (line.startsWith("- ")) {
                h.append("<li>").append(escape(line.substring(2))).append("</li>\n");
            } else if (!line.isBlank()) {
                h.append("<p>").append(escape(line).replace("`", "")).append("</p>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String json(List<RunResult> results, String invocation) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("invocation", invocation);
        List<Object> runs = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("scenario", r.history().name());
            run.put("seed", r.history().seed());
            run.put("days", r.history().days());
            run.put("blocks", r.history().blocks());
            run.put("runtimeSeconds", r.millis() / 1000.0);
            List<Object> ms = new ArrayList<>();
            for (Metrics m : r.metrics()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("contender", m.contender());
                x.put("netApy", m.netApy());
                x.put("endFundamentalEth", m.endFundamentalEth());
                x.put("endMarketEth", m.endMarketEth());
                x.put("maxDrawdownMarket", m.maxDrawdownMarket());
                x.put("maxDrawdownFundamental", m.maxDrawdownFundamental());
                x.put("worstHealthFactor", Double.isNaN(m.worstHealthFactor()) ? null : m.worstHealthFactor());
                x.put("liquidations", m.liquidations());
                x.put("liquidatedCollateralEth", m.liquidatedCollateralEth());
                x.put("turnover", m.turnover());
                x.put("gasEth", m.gasEth());
                x.put("slippageEth", m.slippageEth());
                x.put("queueEthDays", m.queueEthDays());
                x.put("avgIdleShare", m.avgIdleShare());
                x.put("plans", m.plans());
                x.put("decisions", m.decisions());
                ms.add(x);
            }
            run.put("metrics", ms);
            runs.add(run);
        }
        root.put("runs", runs);
        root.put("acceptance", SummaryTable.checks(results));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

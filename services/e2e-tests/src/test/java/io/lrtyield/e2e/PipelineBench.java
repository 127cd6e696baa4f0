package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of the three per-block pipelines with the whole stack running on the devnet (four services, Anvil,
 * Kafka, Redis), over at least {@code bench.blocks} blocks, p50/p90/p99 read off each service's latency histogram
 * (1 ms buckets up to 250 ms, {@code LatencyTimers}):
 * <ul>
 *   <li>price: new head received → every {@code PriceTick} of the block acknowledged by Kafka (and, second line, then
 *   stored in Redis with the resume point);</li>
 *   <li>yield: PriceTick consumed → the venues' YieldQuotes acknowledged by Kafka;</li>
 *   <li>rebalancer: new head received → the block's decision stored (portfolio snapshot on chain, valuation, stress
 *       table, optimizer, policy, and the plan when there is one).</li>
 * </ul>
 * Needs the test-profile infrastructure up ({@code make bench-pipeline} starts it).
 *
 * <pre>mvn -pl services/e2e-tests exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.lrtyield.e2e.PipelineBench</pre>
 */
public final class PipelineBench {

    private static final String PRICE_METRIC = "price_publish_latency_seconds";
    private static final String PRICE_STORED_METRIC = "price_stored_latency_seconds";
    private static final String YIELD_METRIC = "yield_publish_latency_seconds";
    private static final String DECISION_METRIC = "rebalancer_decision_latency_seconds";

    /** service/metric/stage of the per-stage timers. */
    private static final List<String> STAGES = List.of(
            "price/price_stage_latency_seconds/read", "price/price_stage_latency_seconds/aggregate",
            "price/price_stage_latency_seconds/alerts", "price/price_stage_latency_seconds/kafka",
            "price/price_stage_latency_seconds/redis",
            "yield/yield_stage_latency_seconds/history", "yield/yield_stage_latency_seconds/quote",
            "yield/yield_stage_latency_seconds/redis", "yield/yield_stage_latency_seconds/kafka");

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = Integer.getInteger("bench.blocks", 500);
        var system = new SystemUnderTest();
        ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
        try {
            // -Dbench.jfr=<dir>: a JFR recording (profile settings) of the price and yield services, to see where the time goes
            String jfr = System.getProperty("bench.jfr");
            Map<String, Map<String, String>> perApp = new java.util.HashMap<>();
            if (jfr != null) {
                for (String app : List.of("price-service", "yield-service")) {
                    perApp.put(app, Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                            + jfr + "/" + app + ".jfr"));
                }
            }
            system.start(Map.of("DEVNET_REPORT_INTERVAL", "1s"), perApp);
            system.awaitReady(Duration.ofSeconds(180));
            long warm = chain.latestBlock() + 20;
            while (chain.latestBlock() < warm) {
                Thread.sleep(500);
            }
            describeWorkload();
            TreeMap<Double, Double> before = histogram(SystemUnderTest.PRICE, PRICE_METRIC);
            TreeMap<Double, Double> storedBefore = optionalHistogram(SystemUnderTest.PRICE, PRICE_STORED_METRIC);
            TreeMap<Double, Double> yieldBefore = histogram(SystemUnderTest.YIELD, YIELD_METRIC);
            TreeMap<Double, Double> decisionBefore = histogram(SystemUnderTest.REBALANCER, DECISION_METRIC);
            Map<String, TreeMap<Double, Double>> stageBefore = new java.util.HashMap<>();
            for (var stage : STAGES) {
                String[] s = stage.split("/");
                int port = s[0].equals("price") ? SystemUnderTest.PRICE : SystemUnderTest.YIELD;
                try {
                    stageBefore.put(stage, histogram(port, s[1], "stage=\"" + s[2] + "\""));
                } catch (IllegalStateException e) {
                    System.out.println("no per-stage timer " + stage + " (a build before they existed)");
                }
            }
            long firstBlock = chain.latestBlock();
            double priced = 0;
            while (priced < blocks) {
                Thread.sleep(5_000);
                priced = count(histogram(SystemUnderTest.PRICE, PRICE_METRIC)) - count(before);
                System.out.printf("  %.0f / %d blocks priced%n", priced, blocks);
            }
            long lastBlock = chain.latestBlock();
            report("head → every PriceTick acknowledged by Kafka", delta(before, histogram(SystemUnderTest.PRICE, PRICE_METRIC)),
                    lastBlock - firstBlock);
            if (storedBefore != null) {
                report("head → every PriceTick acknowledged by Kafka, then stored in Redis",
                        delta(storedBefore, histogram(SystemUnderTest.PRICE, PRICE_STORED_METRIC)), lastBlock - firstBlock);
            }
            report("PriceTick consumed → YieldQuotes acknowledged by Kafka", delta(yieldBefore, histogram(SystemUnderTest.YIELD, YIELD_METRIC)),
                    lastBlock - firstBlock);
            report("new head → rebalancer decision stored", delta(decisionBefore, histogram(SystemUnderTest.REBALANCER, DECISION_METRIC)),
                    lastBlock - firstBlock);
            System.out.println("where the latency goes (each stage's own distribution; they do not add up quantile by quantile):");
            for (var stage : STAGES) {
                String[] s = stage.split("/");
                int port = s[0].equals("price") ? SystemUnderTest.PRICE : SystemUnderTest.YIELD;
                String label = "stage=\"" + s[2] + "\"";
                if (stageBefore.containsKey(stage)) {
                    report("  " + s[0] + " " + s[2], delta(stageBefore.get(stage), histogram(port, s[1], label)), lastBlock - firstBlock);
                }
            }
        } finally {
            system.close();
        }
    }

    private static void describeWorkload() throws Exception {
        JsonNode prices = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices").body());
        int assets = 0;
        int sources = 0;
        StringBuilder line = new StringBuilder();
        for (JsonNode tick : prices) {
            assets++;
            sources += tick.path("sources").size();
            line.append(' ').append(tick.path("asset").asText()).append('×').append(tick.path("sources").size());
        }
        System.out.printf("workload: %d assets, %d sources in all (fundamental + market):%s%n", assets, sources, line);
    }

    private static void report(String what, TreeMap<Double, Double> delta, long heads) {
        System.out.printf("%s, %.0f samples (%d heads on chain): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max bucket %.0f ms%n", what,
                count(delta), heads, quantile(delta, 0.50) * 1000, quantile(delta, 0.90) * 1000, quantile(delta, 0.99) * 1000,
                maxBucket(delta) * 1000);
    }

    private static TreeMap<Double, Double> delta(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.forEach((le, n) -> delta.put(le, n - before.getOrDefault(le, 0.0)));
        return delta;
    }

    /** Cumulative bucket counts by upper bound (seconds), +Inf as {@link Double#POSITIVE_INFINITY}. */
    private static TreeMap<Double, Double> histogram(int port, String metric) throws Exception {
        return histogram(port, metric, "");
    }

    /** The same, of the series whose labels contain {@code label} (e.g. {@code stage="read"}). */
    private static TreeMap<Double, Double> histogram(int port, String metric, String label) throws Exception {
        Pattern bucket = Pattern.compile("^" + metric + "_bucket\\{.*le=\"([^\"]+)\".*} ([0-9.Ee+]+)$");
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : SystemUnderTest.get(port, "/q/metrics").body().split("\n")) {
            Matcher m = bucket.matcher(line.trim());
            if (m.matches() && line.contains(label)) {
                double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        if (buckets.isEmpty()) {
            throw new IllegalStateException("port " + port + " exposes no " + metric + " histogram");
        }
        return buckets;
    }

    /** The histogram, or null when the build measured has no such timer (an older build in an A/B comparison). */
    private static TreeMap<Double, Double> optionalHistogram(int port, String metric) throws Exception {
        try {
            return histogram(port, metric);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static double count(TreeMap<Double, Double> cumulative) {
        return cumulative.lastEntry().getValue();
    }

    /** Linear interpolation inside the bucket where the cumulative count crosses q. */
    static double quantile(TreeMap<Double, Double> cumulative, double q) {
        double target = q * count(cumulative);
        double lowerBound = 0;
        double lowerCount = 0;
        for (var e : cumulative.entrySet()) {
            if (e.getValue() >= target) {
                if (e.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = e.getValue() - lowerCount;
                return inBucket == 0 ? e.getKey() : lowerBound + (e.getKey() - lowerBound) * (target - lowerCount) / inBucket;
            }
            lowerBound = e.getKey();
            lowerCount = e.getValue();
        }
        return lowerBound;
    }

    private static double maxBucket(TreeMap<Double, Double> cumulative) {
        double previous = 0;
        double lowerBound = 0;
        double max = 0;
        for (var e : cumulative.entrySet()) {
            if (e.getValue() > previous) {
                max = e.getKey().isInfinite() ? lowerBound : e.getKey();
            }
            previous = e.getValue();
            lowerBound = e.getKey();
        }
        return max;
    }
}

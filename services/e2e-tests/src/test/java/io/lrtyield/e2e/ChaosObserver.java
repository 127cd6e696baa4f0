package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an outside observer of the chaos run sees: every event topic read from the beginning (for eventIds seen twice),
 * the services' history APIs (for blocks missing from them), the strategist's nonce on chain and executions.v1 (for
 * transactions sent twice or nonces skipped), and readiness. Reads only; the faults are {@link ChaosSuite}'s.
 */
final class ChaosObserver implements AutoCloseable {

    static final List<String> TOPICS = List.of("prices.v1", "yields.v1", "risk-alerts.v1", "rebalance-plans.v1", "executions.v1");
    static final List<Map.Entry<String, Integer>> APPS = List.of(Map.entry("devnet", SystemUnderTest.DEVNET),
            Map.entry("price-service", SystemUnderTest.PRICE), Map.entry("yield-service", SystemUnderTest.YIELD),
            Map.entry("rebalancer-service", SystemUnderTest.REBALANCER));
    /** The yield service publishes a venue's quote at least this often (yield.publish-every-blocks). */
    static final int YIELD_HEARTBEAT_BLOCKS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state at a fault's start, to measure what happened after it. */
    record Mark(long head, long nonce, Map<String, Integer> recordCounts, long nanos) {
    }

    /** Blocks missing from each history in a window; {@code detail} names the first few. */
    record Gaps(int price, int yield, int decision, String detail) {
        int total() {
            return price + yield + decision;
        }
    }

    /** Strategist transactions since a mark against the actions confirmed on executions.v1. */
    record Transactions(long sent, int actionsConfirmed, boolean consecutiveNonces, String detail) {
        long duplicates() {
            return Math.max(0, sent - actionsConfirmed);
        }
    }

    private final ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
    private final Map<String, TopicReader<JsonNode>> readers = new LinkedHashMap<>();
    private List<String> assets = List.of();
    private List<String> venues = List.of();

    ChaosObserver() {
        for (String topic : TOPICS) {
            readers.put(topic, new TopicReader<>(topic, (t, bytes) -> {
                try {
                    return JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    /** The priced assets and the quoted venues, once every service publishes. */
    void learnSubjects() throws Exception {
        List<String> a = new ArrayList<>();
        JSON.readTree(SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices").body()).forEach(t -> a.add(t.path("asset").asText()));
        List<String> v = new ArrayList<>();
        JSON.readTree(SystemUnderTest.get(SystemUnderTest.YIELD, "/api/v1/yields").body()).forEach(q -> v.add(q.path("venueId").asText()));
        assets = List.copyOf(a);
        venues = List.copyOf(v);
    }

    List<String> assets() {
        return assets;
    }

    List<String> venues() {
        return venues;
    }

    Mark mark() throws Exception {
        drain(Duration.ofMillis(500));
        Map<String, Integer> counts = new LinkedHashMap<>();
        readers.forEach((t, r) -> counts.put(t, r.seen().size()));
        long head = chain.latestBlock();
        return new Mark(head, chain.nonce(Strategist.ADDRESS, head), counts, System.nanoTime());
    }

    long head() throws Exception {
        return chain.latestBlock();
    }

    /** Reads every topic up to its end as of now (at least {@code time} of polling in all). */
    void drain(Duration time) {
        readers.values().forEach(r -> r.drainToEnd(Duration.ofSeconds(30)));
    }

    List<JsonNode> records(String topic) {
        return readers.get(topic).seen().stream().map(ConsumerRecord::value).toList();
    }

    /** Records published since the mark whose eventId was already on their topic: "topic ×n" for each topic with some. */
    Map<String, Integer> duplicates(Mark since) {
        drain(Duration.ofSeconds(2));
        Map<String, Integer> out = new LinkedHashMap<>();
        readers.forEach((topic, reader) -> {
            List<ConsumerRecord<String, JsonNode>> all = reader.seen();
            Set<String> ids = new HashSet<>();
            int dups = 0;
            for (int i = 0; i < all.size(); i++) {
                String id = all.get(i).value().path("eventId").asText(null);
                if (id != null && !ids.add(id) && i >= since.recordCounts().get(topic)) {
                    dups++;
                }
            }
            if (dups > 0) {
                out.put(topic, dups);
            }
        });
        return out;
    }

    /** Blocks in [from, to] missing from the price histories (and listed by /gaps), the yield histories and the decisions. */
    Gaps gaps(long from, long to) throws Exception {
        List<String> detail = new ArrayList<>();
        int price = 0;
        for (String asset : assets) {
            TreeSet<Long> blocks = blocks(SystemUnderTest.get(SystemUnderTest.PRICE,
                    "/api/v1/prices/" + asset + "/history?from=" + from + "&to=" + to + "&limit=1000"));
            int missing = missing(blocks, from, to);
            if (missing > 0) {
                detail.add(asset + " " + missing + " (" + firstMissing(blocks, from, to) + ")");
            }
            price += missing;
        }
        JsonNode recorded = JSON.readTree(SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices/gaps?from=" + from + "&to=" + to).body());
        if (!recorded.isEmpty()) {
            detail.add("recorded gaps " + recorded);
        }
        int yield = 0;
        for (String venue : venues) {
            // published at least every heartbeat: a longer silence that overlaps the window is a gap
            TreeSet<Long> blocks = blocks(SystemUnderTest.get(SystemUnderTest.YIELD, "/api/v1/yields/" + venue + "/history?from="
                    + (from - YIELD_HEARTBEAT_BLOCKS) + "&to=" + (to + YIELD_HEARTBEAT_BLOCKS) + "&limit=1000"));
            long previous = from - YIELD_HEARTBEAT_BLOCKS;
            int missing = 0;
            for (long b : blocks.tailSet(previous)) {
                if (b - previous > YIELD_HEARTBEAT_BLOCKS && b > from && previous < to) {
                    missing += (int) (b - previous - YIELD_HEARTBEAT_BLOCKS);
                    detail.add(venue + " silent " + previous + "→" + b);
                }
                previous = b;
            }
            yield += missing;
        }
        TreeSet<Long> decided = new TreeSet<>();
        JSON.readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/decisions?limit=1000").body())
                .forEach(d -> decided.add(d.path("blockNumber").asLong()));
        int decision = missing(decided, from, to);
        if (decision > 0) {
            detail.add("decisions " + decision + " (" + firstMissing(decided, from, to) + ")");
        }
        return new Gaps(price, yield, decision, String.join("; ", detail.subList(0, Math.min(6, detail.size()))));
    }

    private static TreeSet<Long> blocks(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        TreeSet<Long> blocks = new TreeSet<>();
        JSON.readTree(r.body()).forEach(e -> blocks.add(e.path("provenance").path("blockNumber").asLong()));
        return blocks;
    }

    private static int missing(TreeSet<Long> blocks, long from, long to) {
        return (int) (to - from + 1 - blocks.subSet(from, true, to, true).size());
    }

    private static String firstMissing(TreeSet<Long> blocks, long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long b = from; b <= to && out.size() < 3; b++) {
            if (!blocks.contains(b)) {
                out.add(b);
            }
        }
        return "first " + out;
    }

    /** The strategist's transactions since the mark against the actions confirmed on executions.v1 since then. */
    Transactions transactions(Mark since) throws Exception {
        drain(Duration.ofSeconds(1));
        long nonceNow = chain.nonce(Strategist.ADDRESS, chain.latestBlock());
        List<JsonNode> events = records("executions.v1");
        Set<String> confirmed = new HashSet<>();
        TreeSet<Long> nonces = new TreeSet<>();
        for (JsonNode e : events.subList(since.recordCounts().get("executions.v1"), events.size())) {
            // a transaction sent before the mark may be confirmed after it: it is not this interval's
            if ("CONFIRMED".equals(e.path("status").asText()) && e.path("nonce").asLong() >= since.nonce()) {
                confirmed.add(e.path("planId").asText() + "#" + e.path("actionIndex").asInt());
                nonces.add(e.path("nonce").asLong());
            }
        }
        long sent = nonceNow - since.nonce();
        boolean consecutive = nonces.isEmpty() ? sent == 0
                : nonces.first() == since.nonce() && nonces.last() == nonceNow - 1 && nonces.size() == sent;
        return new Transactions(sent, confirmed.size(), consecutive, "nonces " + since.nonce() + ".." + (nonceNow - 1) + ", "
                + nonces.size() + " confirmed" + (nonces.isEmpty() ? "" : " (" + nonces.first() + ".." + nonces.last() + ")"));
    }

    /** Plans with a transaction event (not an admin one) on executions.v1 since the mark. */
    Set<String> plansWithEventsSince(Mark since) {
        List<JsonNode> events = records("executions.v1");
        Set<String> plans = new java.util.LinkedHashSet<>();
        for (JsonNode e : events.subList(since.recordCounts().get("executions.v1"), events.size())) {
            if (!"ADMIN".equals(e.path("status").asText()) && e.hasNonNull("planId")) {
                plans.add(e.path("planId").asText());
            }
        }
        return plans;
    }

    /** For each action of a plan, its executions.v1 statuses in order. */
    Map<Integer, List<String>> statusesOf(String planId) {
        drain(Duration.ofSeconds(1));
        Map<Integer, List<String>> out = new java.util.TreeMap<>();
        for (JsonNode e : records("executions.v1")) {
            if (planId.equals(e.path("planId").asText()) && !"ADMIN".equals(e.path("status").asText())) {
                out.computeIfAbsent(e.path("actionIndex").asInt(), i -> new ArrayList<>()).add(e.path("status").asText());
            }
        }
        return out;
    }

    /** Seconds until every application answers ready, counted from {@code sinceNanos}; -1 if not within the timeout. */
    double awaitReady(long sinceNanos, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var app : APPS) {
            while (!ready(app.getValue())) {
                if (System.nanoTime() > deadline) {
                    return -1;
                }
                Thread.sleep(250);
            }
        }
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    static boolean ready(int port) {
        try {
            return SystemUnderTest.get(port, "/q/health/ready").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** The readiness answers of the applications that are not ready, for the report. */
    String notReady() {
        List<String> out = new ArrayList<>();
        for (var app : APPS) {
            try {
                HttpResponse<String> r = SystemUnderTest.get(app.getValue(), "/q/health/ready");
                if (r.statusCode() != 200) {
                    out.add(app.getKey() + ": " + r.body().replaceAll("\\s+", " "));
                }
            } catch (Exception e) {
                out.add(app.getKey() + ": " + e.getMessage());
            }
        }
        return String.join("; ", out);
    }

    /** The newest plan (planId, status, number of actions, block), or null before the first. */
    JsonNode newestPlan() throws Exception {
        JsonNode plans = JSON.readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body());
        return plans.isArray() && !plans.isEmpty() ? plans.get(0).path("plan") : null;
    }

    /** Plans proposed at a block in [from, to]. */
    List<String> plansProposedIn(long from, long to) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode p : JSON.readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body())) {
            long at = p.path("plan").path("provenance").path("blockNumber").asLong();
            if (at >= from && at <= to) {
                out.add(p.path("plan").path("planId").asText() + "@" + at);
            }
        }
        return out;
    }

    /** The price service's view of every asset: asset → status and reasons. */
    Map<String, String> priceStatuses() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : JSON.readTree(SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices").body())) {
            out.put(t.path("asset").asText(), t.path("status").asText() + " " + t.path("reasons"));
        }
        return out;
    }

    @Override
    public void close() {
        readers.values().forEach(TopicReader::close);
    }
}

package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The faults of `make chaos`, one after the other on one running system, each undone in a finally and followed by the
 * same recovery checks ({@link #recover}): every service ready again by itself, no block missing from the price,
 * yield and decision histories, no eventId twice on any topic, no transaction sent twice and the strategist's nonces
 * consecutive. Faults that hit a plan also check that it completes with SIGNED, SENT, MINED and CONFIRMED once per action.
 */
final class ChaosFaults {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(240);
    private static final List<String> LIFE = List.of("SIGNED", "SENT", "MINED", "CONFIRMED");

    private interface Fault {
        ChaosSuite.Row run() throws Exception;
    }

    private final ChaosSuite s;

    ChaosFaults(ChaosSuite suite) {
        this.s = suite;
    }

    private ChaosObserver o() {
        return s.observer;
    }

    List<ChaosSuite.Row> runAll(String only) throws Exception {
        Set<String> chosen = only.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(only.split(",")));
        long t0 = System.nanoTime();
        ChaosObserver.Mark started = s.start();
        System.out.printf("chaos: system ready in %.0f s, %d assets, %d venues%n", (System.nanoTime() - t0) / 1e9,
                o().assets().size(), o().venues().size());
        List<ChaosSuite.Row> rows = new ArrayList<>();
        Map<String, Fault> faults = new java.util.LinkedHashMap<>();
        faults.put("redis-mid-plan", () -> redisRestartMidPlan(started));
        faults.put("kafka-pause", this::kafkaPause);
        faults.put("kafka-kill", this::kafkaKill);
        faults.put("redis-restart", this::redisRestartIdle);
        faults.put("rpc-flaky", this::rpcFlaky);
        faults.put("rpc-primary-down", this::rpcPrimaryDown);
        faults.put("websocket-drop", this::webSocketDrop);
        faults.put("price-rpc-outage", this::priceReadsFail);
        faults.put("rebalancer-sigkill", this::rebalancerKilledMidPlan);
        faults.put("yield-sigkill", this::yieldKilled);
        for (var f : faults.entrySet()) {
            if (!chosen.isEmpty() && !chosen.contains(f.getKey())) {
                continue;
            }
            System.out.printf("chaos: %s …%n", f.getKey());
            ChaosSuite.Row row;
            try {
                row = f.getValue().run();
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                row = new ChaosSuite.Row(f.getKey(), 0, 0, "-", "-", 0, -1, List.of("aborted: " + e), List.of());
            }
            System.out.printf("chaos: %s %s%n", f.getKey(), row.failures().isEmpty() ? "PASS" : "FAIL " + row.failures());
            rows.add(row);
        }
        return rows;
    }

    // ------------------------------------------------------------------ the faults

    private ChaosSuite.Row redisRestartMidPlan(ChaosObserver.Mark started) throws Exception {
        String name = "Redis restarted, a plan executing";
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonNode plan = s.awaitPlan(PLAN_TIMEOUT, p -> "EXECUTING".equals(p.path("status").asText()));
        if (plan == null) {
            throw new AssertionError("no plan executing within " + PLAN_TIMEOUT.toSeconds() + " s of the start: " + o().newestPlan());
        }
        String planId = plan.path("planId").asText();
        awaitStatus(planId, 0, "SENT");
        long from = o().head();
        long start = System.nanoTime();
        try {
            s.infra.stopRedis();
            Thread.sleep(3_000);
        } finally {
            s.infra.startRedis();
        }
        long end = System.nanoTime();
        long endHead = o().head();
        planCompletesOnce(planId, plan.path("actions").size(), failures, notes);
        return recover(name, started, from, start, end, endHead, failures, notes);
    }

    private ChaosSuite.Row kafkaPause() throws Exception {
        s.approval("auto");
        ChaosObserver.Mark m = settledMark();
        List<String> notes = new ArrayList<>();
        // a plan executing through the pause: its executions.v1 events must all arrive, once, after it
        long depositBlock = s.deposit(500);
        JsonNode plan = s.awaitPlan(Duration.ofSeconds(120), p -> "EXECUTING".equals(p.path("status").asText())
                && p.path("provenance").path("blockNumber").asLong() >= depositBlock);
        notes.add(plan == null ? "no plan executing when the broker was paused" : "plan " + plan.path("planId").asText() + " executing ("
                + plan.path("actions").size() + " actions) when the broker was paused");
        long from = o().head();
        long start = System.nanoTime();
        try {
            s.infra.pauseKafka(true);
            Thread.sleep(30_000);
        } finally {
            s.infra.pauseKafka(false);
        }
        return recover("Kafka paused 30 s (SIGSTOP/SIGCONT)", m, from, start, System.nanoTime(), o().head(), new ArrayList<>(), notes);
    }

    private ChaosSuite.Row kafkaKill() throws Exception {
        s.approval("manual"); // no plan: the faults that hit plans are the others (and it keeps the suite short)
        ChaosObserver.Mark m = settledMark();
        long start = System.nanoTime();
        try {
            s.infra.killKafka();
            Thread.sleep(5_000);
        } finally {
            s.infra.startKafka();
        }
        return recover("Kafka SIGKILLed, restarted after 5 s", m, m.head(), start, System.nanoTime(), o().head(), new ArrayList<>(), new ArrayList<>());
    }

    private ChaosSuite.Row redisRestartIdle() throws Exception {
        s.approval("manual"); // plans wait for an approval meanwhile, so none is executing when Redis goes
        ChaosObserver.Mark m = settledMark();
        List<String> notes = new ArrayList<>(List.of("newest plan at the restart: " + planState()));
        long start = System.nanoTime();
        try {
            s.infra.stopRedis();
            Thread.sleep(5_000);
        } finally {
            s.infra.startRedis();
        }
        return recover("Redis restarted, no plan executing", m, m.head(), start, System.nanoTime(), o().head(), new ArrayList<>(), notes);
    }

    private ChaosSuite.Row rpcFlaky() throws Exception {
        s.approval("auto");
        ChaosObserver.Mark m = settledMark();
        List<String> notes = new ArrayList<>();
        int refused = s.proxies().stream().mapToInt(CountingRpcProxy::refused).sum();
        int delayed = s.proxies().stream().mapToInt(CountingRpcProxy::delayed).sum();
        long start = System.nanoTime();
        // a deposit too: the plan that puts it to work signs and sends through the same failing endpoints
        long depositBlock = s.deposit(1_000);
        try {
            s.proxies().forEach(p -> p.faults(new CountingRpcProxy.Faults(0.3, 0.1, Duration.ofSeconds(2))));
            Thread.sleep(30_000);
        } finally {
            s.proxies().forEach(p -> p.faults(CountingRpcProxy.Faults.NONE));
        }
        long end = System.nanoTime();
        notes.add(String.format("%d requests refused, %d delayed 2 s; 1,000 ETH deposited at block %d; plans since: %s",
                s.proxies().stream().mapToInt(CountingRpcProxy::refused).sum() - refused,
                s.proxies().stream().mapToInt(CountingRpcProxy::delayed).sum() - delayed, depositBlock,
                o().plansProposedIn(depositBlock, o().head())));
        return recover("RPC: 30 % of requests fail, 10 % +2 s (30 s)", m, m.head(), start, end, o().head(), new ArrayList<>(), notes);
    }

    private ChaosSuite.Row rpcPrimaryDown() throws Exception {
        s.approval("manual");
        ChaosObserver.Mark m = settledMark();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long start = System.nanoTime();
        int refused = s.pricePrimary.refused() + s.rpcPrimary.refused();
        try {
            s.pricePrimary.down(true);
            s.rpcPrimary.down(true);
            for (int i = 0; i < 10; i++) {
                Thread.sleep(3_000);
                // the second endpoint serves every read: nothing goes stale
                o().priceStatuses().forEach((asset, status) -> {
                    if (status.startsWith("STALE") && failures.size() < 3) {
                        failures.add(asset + " " + status + " while the secondary endpoint was up");
                    }
                });
            }
        } finally {
            s.pricePrimary.down(false);
            s.rpcPrimary.down(false);
        }
        notes.add((s.pricePrimary.refused() + s.rpcPrimary.refused() - refused) + " requests refused by the primaries; no price STALE meanwhile: "
                + failures.isEmpty());
        return recover("RPC primary down 30 s, secondary configured", m, m.head(), start, System.nanoTime(), o().head(), failures, notes);
    }

    private ChaosSuite.Row webSocketDrop() throws Exception {
        s.approval("manual");
        ChaosObserver.Mark m = settledMark();
        int before = s.webSocket.accepted();
        long start = System.nanoTime();
        int cut = s.webSocket.drop(Duration.ofSeconds(10));
        Thread.sleep(10_000);
        long end = System.nanoTime();
        long endHead = o().head();
        ChaosSuite.Row row = recover("WebSocket dropped, refused 10 s", m, m.head(), start, end, endHead, new ArrayList<>(), new ArrayList<>());
        row.notes().add(cut + " connections cut, " + (s.webSocket.accepted() - before) + " reconnected");
        return row;
    }

    /** Every read of the price service fails for 30 blocks: its prices turn STALE with the reason, and nothing is planned. */
    private ChaosSuite.Row priceReadsFail() throws Exception {
        s.approval("auto"); // the rebalancer would act on the deposit at once, if it acted on stale prices
        ChaosObserver.Mark m = settledMark();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long start = System.nanoTime();
        long depositBlock;
        long outageEnd;
        try {
            s.pricePrimary.down(true);
            s.priceSecondary.down(true);
            s.awaitBlock(m.head() + 12);
            Map<String, String> statuses = o().priceStatuses();
            statuses.forEach((asset, status) -> {
                if (!status.startsWith("STALE") || status.endsWith("[]")) {
                    failures.add(asset + " is " + status + " 12 blocks into the outage (expected STALE with a reason)");
                }
            });
            notes.add("12 blocks in: " + statuses.entrySet().iterator().next());
            notes.add("price readiness: " + SystemUnderTest.get(SystemUnderTest.PRICE, "/q/health/ready").body().replaceAll("\\s+", " "));
            // idle ETH the rebalancer would put to work — on prices 12+ blocks old it must not
            depositBlock = s.deposit(2_000);
            s.awaitBlock(m.head() + 30);
            outageEnd = o().head();
            List<String> planned = o().plansProposedIn(depositBlock, outageEnd);
            if (!planned.isEmpty()) {
                failures.add("plans proposed on stale prices: " + planned);
            }
            notes.add("decision at block " + outageEnd + ": " + newestDecisionReason());
        } finally {
            s.pricePrimary.down(false);
            s.priceSecondary.down(false);
        }
        long end = System.nanoTime();
        long endHead = o().head();
        // not a vacuous "no plan": once the prices are fresh again, the deposit is planned
        JsonNode after = s.awaitPlan(PLAN_TIMEOUT, p -> p.path("provenance").path("blockNumber").asLong() > outageEnd);
        if (after == null) {
            failures.add("no plan for the deposit after the prices came back: " + newestDecisionReason());
        } else {
            notes.add("plan " + after.path("planId").asText() + " proposed at block " + after.path("provenance").path("blockNumber").asLong()
                    + " after the outage ended at " + outageEnd);
        }
        return recover("price RPC reads all failing for 30 blocks", m, m.head(), start, end, endHead, failures, notes);
    }

    private ChaosSuite.Row rebalancerKilledMidPlan() throws Exception {
        s.approval("auto");
        ChaosObserver.Mark m = settledMark();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long depositBlock = s.deposit(1_500);
        JsonNode plan = s.awaitPlan(PLAN_TIMEOUT, p -> "EXECUTING".equals(p.path("status").asText())
                && p.path("provenance").path("blockNumber").asLong() >= depositBlock);
        if (plan == null) {
            throw new AssertionError("no plan executing for the deposit at block " + depositBlock + ": " + o().newestPlan());
        }
        String planId = plan.path("planId").asText();
        int actions = plan.path("actions").size();
        awaitStatus(planId, Math.min(1, actions - 1), "SENT");
        int reached = o().statusesOf(planId).size();
        long from = o().head();
        long start = System.nanoTime();
        s.system.killOne("rebalancer-service");
        Thread.sleep(3_000);
        s.restartRebalancer();
        long end = System.nanoTime();
        long endHead = o().head();
        notes.add("killed with " + reached + " of " + actions + " actions under way");
        ChaosSuite.Row row = recover("rebalancer SIGKILLed mid-plan, back in 3 s", m, from, start, end, endHead, failures, notes);
        planCompletesOnce(planId, actions, row.failures(), row.notes());
        return row;
    }

    /**
     * The yield service SIGKILLed and started again 10 s later: its tick quotes resume from the committed Kafka offsets
     * (redelivered ticks are recognised), its market quotes from the last block it quoted (kept in Redis), so neither
     * history has a hole for the blocks it was down.
     */
    private ChaosSuite.Row yieldKilled() throws Exception {
        ChaosObserver.Mark m = settledMark();
        long from = o().head();
        long start = System.nanoTime();
        s.system.killOne("yield-service");
        Thread.sleep(10_000);
        s.restartYield();
        long end = System.nanoTime();
        long endHead = o().head();
        return recover("yield service SIGKILLed, back in 10 s", m, from, start, end, endHead, new ArrayList<>(), new ArrayList<>());
    }

    // ------------------------------------------------------------------ recovery and its checks

    private ChaosSuite.Row recover(String name, ChaosObserver.Mark m, long from, long start, long end, long endHead,
                                   List<String> failures, List<String> notes) throws Exception {
        double ready = o().awaitReady(end, READY_TIMEOUT);
        if (ready < 0) {
            failures.add("not ready " + READY_TIMEOUT.toSeconds() + " s after the fault: " + o().notReady());
        }
        long to = caughtUp(failures);
        settle(failures);
        s.awaitBlock(to + ChaosObserver.YIELD_HEARTBEAT_BLOCKS + 2);
        settle(failures); // a plan the fault delayed may have started meanwhile: its whole life is checked below
        ChaosObserver.Gaps gaps = o().gaps(from, to);
        if (gaps.total() > 0) {
            failures.add("blocks missing in " + from + ".." + to + ": " + gaps.detail());
        }
        Map<String, Integer> duplicates = o().duplicates(m);
        if (!duplicates.isEmpty()) {
            failures.add("eventIds published twice: " + duplicates);
        }
        ChaosObserver.Transactions tx = o().transactions(m);
        if (tx.duplicates() > 0) {
            failures.add(tx.sent() + " transactions for " + tx.actionsConfirmed() + " actions: " + tx.detail());
        }
        if (!tx.consecutiveNonces()) {
            failures.add("nonces not consecutive: " + tx.detail());
        }
        if (tx.sent() > 0) {
            notes.add(tx.sent() + " transactions, " + tx.actionsConfirmed() + " actions confirmed (" + tx.detail() + ")");
        }
        // every plan that sent anything meanwhile: each action's life on executions.v1 once, whatever the fault did to it
        for (String planId : o().plansWithEventsSince(m)) {
            List<String> wrong = o().statusesOf(planId).entrySet().stream().filter(e -> !sameLife(e.getValue()))
                    .map(e -> "action " + e.getKey() + " " + e.getValue()).limit(4).collect(Collectors.toList());
            if (!wrong.isEmpty()) {
                failures.add("executions.v1 of plan " + planId + " not SIGNED/SENT/MINED/CONFIRMED once per action: " + wrong);
            }
        }
        String gapCell = String.format("p %d / y %d / d %d", gaps.price(), gaps.yield(), gaps.decision());
        String dupCell = duplicates.values().stream().mapToInt(Integer::intValue).sum() + "";
        return new ChaosSuite.Row(name, (end - start) / 1e9, endHead - from, gapCell, dupCell, tx.duplicates(), ready, failures, notes);
    }

    /** Waits until prices and decisions are at the head again; returns the last block both cover. */
    private long caughtUp(List<String> failures) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String asset = o().assets().get(0);
        while (true) {
            long head = o().head();
            long priced = ChaosSuite.JSON.readTree(SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices/" + asset).body())
                    .path("provenance").path("blockNumber").asLong();
            JsonNode decisions = ChaosSuite.JSON.readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/decisions?limit=1").body());
            long decided = decisions.isArray() && !decisions.isEmpty() ? decisions.get(0).path("blockNumber").asLong() : -1;
            if (priced >= head - 1 && decided >= head - 3) {
                return Math.min(priced, decided);
            }
            if (System.nanoTime() > deadline) {
                failures.add("not caught up: head " + head + ", priced " + priced + ", decided " + decided);
                return Math.min(priced, decided);
            }
            Thread.sleep(500);
        }
    }

    /** Waits until no plan is open (a plan a fault left running finishes before the next fault). */
    private void settle(List<String> failures) throws Exception {
        JsonNode open = s.awaitPlan(PLAN_TIMEOUT, p -> !ChaosSuite.open(p));
        if (open == null) {
            failures.add("a plan is still open " + PLAN_TIMEOUT.toSeconds() + " s later: " + planState());
        }
    }

    private ChaosObserver.Mark settledMark() throws Exception {
        List<String> failures = new ArrayList<>();
        settle(failures);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0));
        }
        return o().mark();
    }

    /** The plan ends DONE, each action with SIGNED, SENT, MINED and CONFIRMED once on executions.v1 and nothing else. */
    private void planCompletesOnce(String planId, int actions, List<String> failures, List<String> notes) throws Exception {
        JsonNode done = s.awaitPlan(PLAN_TIMEOUT, p -> !planId.equals(p.path("planId").asText()) || !ChaosSuite.open(p));
        JsonNode stored = ChaosSuite.JSON.readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans/" + planId).body());
        String status = stored.path("plan").path("status").asText();
        if (done == null || !"DONE".equals(status)) {
            failures.add("plan " + planId + " " + status + ": " + stored.path("history"));
        }
        Map<Integer, List<String>> life = o().statusesOf(planId);
        List<String> wrong = life.entrySet().stream().filter(e -> !sameLife(e.getValue()))
                .map(e -> "action " + e.getKey() + " " + e.getValue()).collect(Collectors.toList());
        if (life.size() != actions || !wrong.isEmpty()) {
            failures.add("executions.v1 of plan " + planId + ": " + life.size() + " of " + actions + " actions, not once each: " + wrong);
        }
        notes.add("plan " + planId + " " + status + ", " + actions + " actions, each SIGNED/SENT/MINED/CONFIRMED once: " + wrong.isEmpty());
    }

    private static boolean sameLife(List<String> statuses) {
        return statuses.size() == LIFE.size() && statuses.containsAll(LIFE);
    }

    private void awaitStatus(String planId, int action, String status) throws Exception {
        Eventually.await(Duration.ofSeconds(90), "action " + action + " of plan " + planId + " " + status,
                () -> o().statusesOf(planId).getOrDefault(action, List.of()).contains(status) ? true : null);
    }

    private String planState() throws Exception {
        JsonNode p = o().newestPlan();
        return p == null ? "no plan yet" : p.path("planId").asText() + " " + p.path("status").asText();
    }

    private String newestDecisionReason() throws Exception {
        JsonNode d = ChaosSuite.JSON.readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/decisions?limit=1").body());
        if (!d.isArray() || d.isEmpty()) {
            return "none";
        }
        String reason = d.get(0).path("action").asText() + " at " + d.get(0).path("blockNumber").asLong() + ": " + d.get(0).path("reason").asText();
        return reason.length() > 300 ? reason.substring(0, 300) + "…" : reason;
    }
}

package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * `make chaos`: the whole system (devnet, price, yield and rebalancer services executing plans on the devnet) on the
 * chaos profile's own Anvil, Kafka and Redis, each service reading the chain through two fault-injecting JSON-RPC proxies
 * (primary, secondary; {@link CountingRpcProxy}) and its WebSocket through a {@link TcpRelay}. Each fault in turn,
 * then its expected outcome checked ({@link ChaosFaults}), and a table: fault, duration, blocks mined during it, blocks
 * missing from the price / yield / decision histories after recovery, eventIds published twice, transactions sent
 * twice, seconds until every service was ready again. Exits 1 when any expectation failed.
 * <p>
 * Ports: applications 2808x, proxies 28550-28553, WebSocket relay 28546 (Anvil 28545, Kafka 29092, Redis 26379 from
 * deploy/local/chaos.sh). {@code -Dchaos.only=a,b} runs only the named faults (after the start-up).
 */
public final class ChaosSuite {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Anvil's public dev account 9: the depositor whose ETH gives the rebalancer something to plan. */
    static final String DEPOSITOR = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

    /** One line of the table; {@code failures} empty when every expectation held. */
    record Row(String fault, double seconds, long blocks, String gaps, String duplicateEvents, long duplicateTxs, double readySeconds,
               List<String> failures, List<String> notes) {
    }

    final SystemUnderTest system = new SystemUnderTest();
    final ChaosInfra infra = new ChaosInfra(Path.of(System.getProperty("chaos.state.dir", "/tmp/st-chaos")));
    final CountingRpcProxy pricePrimary;
    final CountingRpcProxy priceSecondary;
    final CountingRpcProxy rpcPrimary;
    final CountingRpcProxy rpcSecondary;
    final TcpRelay webSocket;
    final ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
    final Map<String, Map<String, String>> env = new HashMap<>();
    ChaosObserver observer;
    String vault;

    private ChaosSuite() throws Exception {
        pricePrimary = new CountingRpcProxy(28550, SystemUnderTest.rpcUrl());
        priceSecondary = new CountingRpcProxy(28551, SystemUnderTest.rpcUrl());
        rpcPrimary = new CountingRpcProxy(28552, SystemUnderTest.rpcUrl());
        rpcSecondary = new CountingRpcProxy(28553, SystemUnderTest.rpcUrl());
        webSocket = new TcpRelay(28546, SystemUnderTest.ANVIL_PORT);
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        ChaosSuite suite = new ChaosSuite();
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close));
        List<Row> rows = new ArrayList<>();
        String error = null;
        try {
            rows.addAll(new ChaosFaults(suite).runAll(System.getProperty("chaos.only", "")));
        } catch (Throwable e) {
            error = e.toString();
            e.printStackTrace();
        }
        suite.close();
        boolean failed = error != null || rows.stream().anyMatch(r -> !r.failures().isEmpty());
        print(rows, (System.nanoTime() - t0) / 1e9, error);
        Runtime.getRuntime().halt(failed ? 1 : 0);
    }

    /** Starts the four applications behind the proxies and waits until they are ready and the first quotes are out. */
    ChaosObserver.Mark start() throws Exception {
        String ws = "ws://127.0.0.1:28546";
        env.put("devnet", Map.of("DEVNET_REPORT_INTERVAL", "1s"));
        env.put("price-service", Map.of("CHAIN_RPC_URLS", pricePrimary.url() + "," + priceSecondary.url(), "CHAIN_WS_URL", ws));
        String rpc = rpcPrimary.url() + "," + rpcSecondary.url();
        env.put("yield-service", Map.of("CHAIN_RPC_URLS", rpc, "CHAIN_WS_URL", ws));
        Map<String, String> rebalancer = new HashMap<>(Strategist.executionEnv("chaos-keystore", "chaos-" + UUID.randomUUID(), "auto"));
        rebalancer.putAll(Map.of("CHAIN_RPC_URLS", rpc, "CHAIN_WS_URL", ws, "EXECUTION_CONFIRMATIONS", "1",
                // a year's horizon and a 1-min cooldown: a deposit is put to work within a minute, and plans do not follow each other
                // back to back (a fault waits until none is running before it starts and after it ends)
                "REBALANCER_STRATEGY_HORIZON_DAYS", "365", "REBALANCER_STRATEGY_COOLDOWN", "PT60S"));
        env.put("rebalancer-service", rebalancer);
        system.start(Map.of(), env);
        system.awaitReady(Duration.ofSeconds(240));
        JsonNode catalogue = JSON.readTree(SystemUnderTest.get(SystemUnderTest.DEVNET, "/api/v1/catalogue").body());
        vault = catalogue.path("contracts").path("strategyVault").asText();
        observer = new ChaosObserver();
        ChaosObserver.Mark mark = observer.mark();
        Eventually.await(Duration.ofSeconds(120), "prices and yields", () -> {
            observer.learnSubjects();
            return observer.assets().size() > 3 && observer.venues().size() > 3 ? true : null;
        });
        return mark;
    }

    /** Restarts the rebalancer with the environment it started with. */
    void restartRebalancer() throws Exception {
        system.startOne("rebalancer-service", SystemUnderTest.REBALANCER, env.get("rebalancer-service"));
    }

    /** Restarts the yield service with the environment it started with. */
    void restartYield() throws Exception {
        system.startOne("yield-service", SystemUnderTest.YIELD, env.get("yield-service"));
    }

    /** Sends {@code eth} ETH from the depositor to the vault; returns the block it landed in (Anvil mines every second). */
    long deposit(long eth) throws Exception {
        long before = chain.latestBlock();
        chain.sendEth(DEPOSITOR, vault, BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(eth)));
        return before + 1;
    }

    List<CountingRpcProxy> proxies() {
        return List.of(pricePrimary, priceSecondary, rpcPrimary, rpcSecondary);
    }

    /** Waits for the chain to reach a block. */
    void awaitBlock(long block) throws Exception {
        while (chain.latestBlock() < block) {
            Thread.sleep(250);
        }
    }

    /** Polls until the newest plan matches, within the timeout; null otherwise. */
    JsonNode awaitPlan(Duration timeout, Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode p = observer.newestPlan();
            if (p != null && match.test(p)) {
                return p;
            }
            Thread.sleep(500);
        }
        return null;
    }

    /** Approved or executing: it will send transactions (a PROPOSED one waits for an approval, or expires). */
    static boolean open(JsonNode plan) {
        return plan != null && Set.of("APPROVED", "EXECUTING").contains(plan.path("status").asText());
    }

    /** The rebalancer's plan approval at run time (PUT /api/v1/admin/policy as an admin): auto or manual. */
    void approval(String mode) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SystemUnderTest.REBALANCER + "/api/v1/admin/policy"))
                .header("Authorization", "Bearer " + DevTokens.mint("chaos-admin", "admin")).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"approval\":\"" + mode + "\"}")).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("policy approval " + mode + ": " + r.statusCode() + " " + r.body());
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        system.close();
        proxies().forEach(CountingRpcProxy::close);
        try {
            webSocket.close();
        } catch (Exception ignored) {
            // closing anyway
        }
        if (observer != null) {
            observer.close();
        }
    }

    private static void print(List<Row> rows, double totalSeconds, String error) {
        String format = "%-44s %9s %7s %-22s %-10s %6s %8s  %s%n"; // ready in: seconds after the fault ended
        System.out.println();
        System.out.printf(format, "fault", "duration", "blocks", "gaps after recovery", "dup events", "dup tx", "ready in", "result");
        System.out.printf(format, "-".repeat(44), "-".repeat(9), "-".repeat(7), "-".repeat(22), "-".repeat(10), "-".repeat(6), "-".repeat(8), "------");
        for (Row r : rows) {
            System.out.printf(format, r.fault(), String.format("%.1f s", r.seconds()), r.blocks(), r.gaps(), r.duplicateEvents(),
                    r.duplicateTxs(), r.readySeconds() < 0 ? "never" : String.format("%.1f s", r.readySeconds()),
                    r.failures().isEmpty() ? "PASS" : "FAIL");
        }
        System.out.println();
        for (Row r : rows) {
            r.notes().forEach(n -> System.out.println("  " + r.fault() + ": " + n));
            r.failures().forEach(f -> System.out.println("  " + r.fault() + ": FAILED " + f));
        }
        if (error != null) {
            System.out.println("suite aborted: " + error);
        }
        System.out.printf("%nchaos suite: %d faults, %d failed, %.0f s in all%n", rows.size(),
                rows.stream().filter(r -> !r.failures().isEmpty()).count(), totalSeconds);
    }
}

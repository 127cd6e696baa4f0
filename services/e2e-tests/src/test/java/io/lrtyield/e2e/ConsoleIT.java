package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.codec.EventDeserializer;
import io.lrtyield.common.event.RiskAlert;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator console (services/console) in a real browser against the running system: Debian's chromium, driven
 * headless by playwright-core from npm (src/test/node/console-check.mjs, one check per run), on one stack launch under
 * manual approval. The page's values are the APIs' at the same block; a viewer gets the API's 403 message; an operator
 * approves a plan in the page and sees it DONE; a depeg from the scenarios panel turns the badge CRITICAL within a few
 * blocks; an admin pauses and resumes the vault; the restaking risk (slashing-adjusted net APY, its components and band,
 * operator and AVS shares) is the yield API's at the same block; a slash behind ezETH opens an incident the page lists,
 * refuses to an operator's and to no token with a clear message, and an admin holds and acknowledges — the rebalancer's
 * VENUE_CAPPED, INCIDENT_HELD and INCIDENT_ACKNOWLEDGED on risk-alerts.v1, each once; axe-core finds no serious or
 * critical violation at a laptop's and a phone's width. Screenshots of every view land in target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    static final int CONSOLE = 18080;
    private static final Path SCRIPT = SystemUnderTest.ROOT.resolve("services/e2e-tests/src/test/node/console-check.mjs");
    private static final Path SHOTS = SystemUnderTest.ROOT.resolve("services/e2e-tests/target/console-screenshots");
    private static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");
    private static final SystemUnderTest system = new SystemUnderTest();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static CompletableFuture<Void> accessibility;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing: make test installs Debian's chromium (apt-get install -y chromium)");
        assertTrue(Files.isDirectory(SystemUnderTest.ROOT.resolve("node_modules/playwright-core")), "playwright-core is missing: make deps (npm ci)");
        Map<String, String> rebalancer = new HashMap<>(Strategist.executionEnv("console-keystore", "console-" + UUID.randomUUID(), "manual"));
        rebalancer.put("REBALANCER_STRATEGY_HORIZON_DAYS", "365");
        rebalancer.put("REBALANCER_STRATEGY_COOLDOWN", "PT10S");
        rebalancer.put("EXECUTION_CONFIRMATIONS", "1"); // as make run: Anvil never reorganises
        system.start(Map.of(), Map.of("rebalancer-service", rebalancer));
        system.startOne("console", CONSOLE, Map.of(
                "CONSOLE_PRICE_URL", "http://127.0.0.1:" + SystemUnderTest.PRICE,
                "CONSOLE_YIELD_URL", "http://127.0.0.1:" + SystemUnderTest.YIELD,
                "CONSOLE_REBALANCER_URL", "http://127.0.0.1:" + SystemUnderTest.REBALANCER,
                "CONSOLE_DEVNET_URL", "http://127.0.0.1:" + SystemUnderTest.DEVNET));
        system.awaitReady(Duration.ofSeconds(180));
        system.awaitReady(Duration.ofSeconds(60), List.of(Map.entry("console", CONSOLE)));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** The console forwards the versioned APIs with their own status and problem+json, and nothing else. */
    @Test
    @Order(1)
    void theConsoleForwardsTheApisAsTheyAnswerAndNothingElse() throws Exception {
        var direct = SystemUnderTest.post(SystemUnderTest.REBALANCER, "/api/v1/admin/plans/none/approve", null);
        var forwarded = SystemUnderTest.post(CONSOLE, "/api/rebalancer/v1/admin/plans/none/approve", null);
        assertEquals(401, forwarded.statusCode());
        assertEquals(direct.body(), forwarded.body(), "the upstream's problem+json, unchanged");
        assertEquals("application/problem+json", forwarded.headers().firstValue("content-type").orElse(""));
        var viewer = SystemUnderTest.post(CONSOLE, "/api/rebalancer/v1/admin/plans/none/approve", DevTokens.mint("console-viewer", "viewer"));
        assertEquals(403, viewer.statusCode(), "the bearer token goes through: " + viewer.body());
        assertEquals(404, SystemUnderTest.get(CONSOLE, "/api/price/q/metrics").statusCode(), "only /api/{service}/v1/… is forwarded");
        assertEquals(404, SystemUnderTest.get(CONSOLE, "/api/vault/v1/x").statusCode());
        String page = SystemUnderTest.get(CONSOLE, "/").body();
        assertTrue(page.contains("vendor/uPlot.iife.min.js") && !page.contains("//cdn"), "the chart library is served by the console itself");
        assertEquals(200, SystemUnderTest.get(CONSOLE, "/vendor/uPlot.iife.min.js").statusCode());
    }

    /** Two clients of the price stream through the console both get every asset's tick of every block. */
    @Test
    @Order(2)
    void everyStreamClientGetsEveryTick() throws Exception {
        int assets = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices").body()).size();
        assertTrue(assets >= 5, "priced assets: " + assets);
        var a = CompletableFuture.supplyAsync(ConsoleIT::threeBlocksOfTicks);
        var b = CompletableFuture.supplyAsync(ConsoleIT::threeBlocksOfTicks);
        for (var seen : List.of(a.get(90, TimeUnit.SECONDS), b.get(90, TimeUnit.SECONDS))) {
            assertTrue(seen.size() >= 2, "whole blocks seen: " + seen);
            seen.forEach((block, names) -> assertEquals(assets, names.size(), "block " + block + ": " + names));
        }
    }

    @Test
    @Order(3)
    void thePageShowsTheApisValuesAtTheSameBlock() throws Exception {
        browser("values");
    }

    @Test
    @Order(4)
    void aViewerTokenSeesTheApisForbiddenMessage() throws Exception {
        browser("viewer");
    }

    /** The accessibility pass (its own browser) runs while the approved plan executes: the stack is launched once. */
    @Test
    @Order(5)
    void anOperatorApprovesAPlanInThePageAndSeesItDone() throws Exception {
        accessibility = CompletableFuture.runAsync(() -> {
            try {
                browser("a11y");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser("approve");
    }

    @Test
    @Order(6)
    void aDepegFromTheScenariosPanelTurnsTheBadgeCriticalWithoutAReload() throws Exception {
        browser("depeg");
    }

    @Test
    @Order(7)
    void anAdminPausesAndResumesTheVaultFromThePage() throws Exception {
        browser("killswitch");
    }

    /**
     * A 5 % slash of operator-a in da-avs/0 (behind ezETH) from the devnet: the rebalancer opens an incident and the page lists
     * it; an admin holds, then acknowledges it there. The rebalancer announced each state change on risk-alerts.v1 once,
     * after the price service's alert that opened it (same key, same partition: offsets order them).
     */
    @Test
    @Order(8)
    void aSlashBehindEzEthOpensAnIncidentAnAdminHoldsAndAcknowledgesInThePageAndTheRebalancerAnnouncesEachChangeOnce() throws Exception {
        List<String> kinds = List.of("VENUE_CAPPED", "INCIDENT_HELD", "INCIDENT_ACKNOWLEDGED");
        try (var alerts = new TopicReader<>("risk-alerts.v1", new EventDeserializer<>(RiskAlert.class, RiskAlert.SCHEMA_VERSION))) {
            alerts.drainToEnd(Duration.ofSeconds(20)); // what the suite's earlier classes published: not this test's
            int before = alerts.seen().size();
            Set<String> earlier = new TreeSet<>(alerts.seen().stream().map(r -> r.partition() + ":" + r.offset()).toList());
            browser("incident");
            alerts.await(r -> !earlier.contains(r.partition() + ":" + r.offset()) && r.key().equals("ezETH")
                    && r.value().kind().equals("INCIDENT_ACKNOWLEDGED"), Duration.ofSeconds(30));
            alerts.drainToEnd(Duration.ofSeconds(10));
            List<ConsumerRecord<String, RiskAlert>> onEzEth = alerts.seen().subList(before, alerts.seen().size()).stream()
                    .filter(r -> r.key().equals("ezETH")).toList();
            List<ConsumerRecord<String, RiskAlert>> own = onEzEth.stream().filter(r -> kinds.contains(r.value().kind())).toList();
            assertEquals(kinds, own.stream().map(r -> r.value().kind()).toList(), "each state change once, in order: " + own);
            assertEquals(3, own.stream().map(r -> r.value().eventId()).distinct().count());
            RiskAlert capped = own.get(0).value();
            assertEquals(List.of("CRITICAL", true), List.of(capped.severity(), capped.active()));
            assertTrue(capped.message().contains("renzo-ezeth") && capped.message().contains("capped to 0"), capped.message());
            assertTrue(own.get(1).value().message().contains("held by console-admin"), own.get(1).value().message());
            RiskAlert acknowledged = own.get(2).value();
            assertTrue(!acknowledged.active() && acknowledged.message().contains("acknowledged by console-admin"), acknowledged.message());
            ConsumerRecord<String, RiskAlert> cause = onEzEth.stream().filter(r -> r.value().kind().equals("OPERATOR_SLASHED")).findFirst()
                    .orElseThrow(() -> new AssertionError("no OPERATOR_SLASHED on ezETH: " + onEzEth));
            assertEquals(cause.partition(), own.get(0).partition());
            assertTrue(cause.offset() < own.get(0).offset(), "announced after the price service's alert");
            System.out.printf("risk-alerts.v1 on ezETH: %s%n", onEzEth.stream().map(r -> r.offset() + " " + r.value().severity() + " "
                    + r.value().kind() + " (block " + r.value().provenance().blockNumber() + ")").toList());
        }
    }

    @Test
    @Order(9)
    void axeFindsNoSeriousViolationInAnyViewOnALaptopOrAPhone() throws Exception {
        if (accessibility == null) {
            browser("a11y");
            return;
        }
        try {
            accessibility.get(8, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
    }

    /** Runs one check of console-check.mjs; its output goes to the test's log, a non-zero exit fails the test. */
    private static void browser(String check) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", SCRIPT.toString(), check).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("CONSOLE_URL", "http://127.0.0.1:" + CONSOLE + "/");
        env.put("PRICE_URL", "http://127.0.0.1:" + SystemUnderTest.PRICE);
        env.put("YIELD_URL", "http://127.0.0.1:" + SystemUnderTest.YIELD);
        env.put("REBALANCER_URL", "http://127.0.0.1:" + SystemUnderTest.REBALANCER);
        env.put("DEVNET_URL", "http://127.0.0.1:" + SystemUnderTest.DEVNET);
        env.put("OPERATOR_TOKEN", DevTokens.mint("console-operator", "operator"));
        env.put("VIEWER_TOKEN", DevTokens.mint("console-viewer", "viewer"));
        env.put("ADMIN_TOKEN", DevTokens.mint("console-admin", "admin"));
        env.put("SHOTS_DIR", SHOTS.toString());
        env.put("CHROMIUM", CHROMIUM);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("[console " + check + "] " + line);
                    out.append(line).append('\n');
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("browser check " + check + " did not finish in 8 minutes:\n" + out);
        }
        reader.join(5_000);
        assertEquals(0, p.exitValue(), "browser check " + check + ":\n" + out);
    }

    /** Reads the console's price stream until three blocks after the first; block → assets, whole blocks only. */
    private static Map<Long, Set<String>> threeBlocksOfTicks() {
        try {
            HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + CONSOLE + "/api/price/v1/prices/stream"))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, r.statusCode());
            Map<Long, Set<String>> seen = new TreeMap<>();
            try (var lines = r.body()) {
                var it = lines.iterator();
                long first = -1;
                while (it.hasNext()) {
                    String line = it.next();
                    if (!line.startsWith("data:")) {
                        continue;
                    }
                    JsonNode tick = EventCodec.mapper().readTree(line.substring(5));
                    long block = tick.path("provenance").path("blockNumber").asLong();
                    first = first < 0 ? block : first;
                    if (block >= first + 3) {
                        break;
                    }
                    seen.computeIfAbsent(block, k -> new TreeSet<>()).add(tick.path("asset").asText());
                }
                seen.remove(first); // joined mid-block
                return seen;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

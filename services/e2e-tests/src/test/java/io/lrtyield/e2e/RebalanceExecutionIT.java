package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.codec.EventDeserializer;
import io.lrtyield.common.event.ExecutionEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop inside the running services: devnet chain → prices → yields → the rebalancer's decision of a block →
 * a PROPOSED plan → approved by an operator through the secured admin API (401 without a token, 403 for a viewer) →
 * run by the rebalancer's own executor (lease, journal, simulation, keystore signer) through the vault's
 * {@code manage} → the vault's balances on chain match the plan within its slippage bounds, the strategist sent
 * exactly one transaction per action, executions.v1 tells every transaction's life once. Last, every log line of every
 * service this run wrote is searched for the strategist's key and the keystore password.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebalanceExecutionIT {

    private static final String STRATEGIST_KEY = Strategist.KEY;
    private static final String PASSWORD = "e2e-" + UUID.randomUUID();
    private static final SystemUnderTest system = new SystemUnderTest();
    private static final ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
    private static final Path LOGS = SystemUnderTest.ROOT.resolve("services/e2e-tests/target/e2e-logs");
    private static final String STRATEGIST = Credentials.create(STRATEGIST_KEY).getAddress();

    private static JsonNode catalogue;
    private static String vault;
    private static JsonNode plan;
    private static long proposedAt;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Strategist.executionEnv("e2e-keystore", PASSWORD, "manual"));
        // a year's horizon: the devnet's yields pay for the plan's gas and slippage many times over
        env.put("REBALANCER_STRATEGY_HORIZON_DAYS", "365");
        env.put("REBALANCER_STRATEGY_COOLDOWN", "PT10S");
        system.start(Map.of(), Map.of("rebalancer-service", env));
        system.awaitReady(Duration.ofSeconds(180));
        catalogue = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.DEVNET, "/api/v1/catalogue").body());
        vault = catalogue.path("contracts").path("strategyVault").asText();
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    @Order(1)
    void theBlocksDecisionProposesAPlanAcrossAtLeastThreeVenues() throws Exception {
        // while the staking quotes' histories are young, the first plans may use only the market venues: the operator
        // rejects plans narrower than three venues (a 10-s cooldown here) until the data supports a broader one
        String operator = DevTokens.mint("e2e-operator", "operator");
        Set<String> rejected = new LinkedHashSet<>();
        String body = Eventually.await(Duration.ofSeconds(300), "a PROPOSED plan across ≥ 3 venues", () -> {
            JsonNode plans = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body());
            if (!plans.isArray() || plans.isEmpty() || !"PROPOSED".equals(plans.get(0).path("plan").path("status").asText())) {
                return null;
            }
            JsonNode p = plans.get(0).path("plan");
            if (venuesOf(p).size() >= 3) {
                return plans.get(0).toString();
            }
            var r = SystemUnderTest.post(SystemUnderTest.REBALANCER, "/api/v1/admin/plans/" + p.path("planId").asText() + "/reject", operator);
            assertEquals(200, r.statusCode(), r.body());
            rejected.add(p.path("planId").asText() + " " + venuesOf(p));
            return null;
        });
        plan = EventCodec.mapper().readTree(body).path("plan");
        proposedAt = plan.path("provenance").path("blockNumber").asLong();
        assertEquals("PROPOSED", plan.path("status").asText(), "manual approval: the plan waits for an operator");
        Set<String> venues = venuesOf(plan);
        assertTrue(venues.size() >= 3, "a plan across ≥ 3 venues: " + venues);
        System.out.printf("plan %s across %s (rejected before it: %s)%n", id(), venues, rejected);
        Thread.sleep(3_000);
        JsonNode still = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans/" + id()).body());
        assertEquals("PROPOSED", still.path("plan").path("status").asText(), "nothing runs before approval");
        assertEquals(chain.nonce(STRATEGIST, proposedAt), chain.nonce(STRATEGIST, chain.latestBlock()),
                "the strategist sent nothing before approval");
    }

    /**
     * A plan left waiting longer than the expiry (20 blocks) is EXPIRED: an operator can no longer approve it (409), the
     * strategist never sends a transaction for it, and it does not block the next decision — a fresh plan follows.
     */
    @Test
    @Order(2)
    void aPlanLeftWaitingExpiresIsNeverExecutedAndANewOneFollows() throws Exception {
        String expiredId = id();
        Eventually.await(Duration.ofSeconds(90), "plan " + expiredId + " EXPIRED", () -> {
            JsonNode p = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans/" + expiredId).body());
            return "EXPIRED".equals(p.path("plan").path("status").asText()) ? true : null;
        });
        var late = SystemUnderTest.post(SystemUnderTest.REBALANCER, "/api/v1/admin/plans/" + expiredId + "/approve",
                DevTokens.mint("e2e-operator", "operator"));
        assertEquals(409, late.statusCode(), "an expired plan cannot be approved: " + late.body());
        assertEquals(chain.nonce(STRATEGIST, proposedAt), chain.nonce(STRATEGIST, chain.latestBlock()),
                "nothing was sent for the expired plan");
        String body = Eventually.await(Duration.ofSeconds(120), "a fresh PROPOSED plan across ≥ 3 venues after the expiry", () -> {
            JsonNode plans = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body());
            JsonNode p = plans.isArray() && !plans.isEmpty() ? plans.get(0).path("plan") : null;
            if (p == null || !"PROPOSED".equals(p.path("status").asText()) || expiredId.equals(p.path("planId").asText())) {
                return null;
            }
            if (venuesOf(p).size() >= 3) {
                return plans.get(0).toString();
            }
            var r = SystemUnderTest.post(SystemUnderTest.REBALANCER, "/api/v1/admin/plans/" + p.path("planId").asText() + "/reject",
                    DevTokens.mint("e2e-operator", "operator"));
            assertEquals(200, r.statusCode(), r.body());
            return null;
        });
        plan = EventCodec.mapper().readTree(body).path("plan");
        proposedAt = plan.path("provenance").path("blockNumber").asLong();
    }

    @Test
    @Order(3)
    void onlyAnOperatorApproves() throws Exception {
        String path = "/api/v1/admin/plans/" + id() + "/approve";
        assertEquals(401, SystemUnderTest.post(SystemUnderTest.REBALANCER, path, null).statusCode());
        assertEquals(403, SystemUnderTest.post(SystemUnderTest.REBALANCER, path, DevTokens.mint("e2e-viewer", "viewer")).statusCode());
        var approved = SystemUnderTest.post(SystemUnderTest.REBALANCER, path, DevTokens.mint("e2e-operator", "operator"));
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("APPROVED", EventCodec.mapper().readTree(approved.body()).path("plan").path("status").asText());
    }

    @Test
    @Order(4)
    void theApprovedPlanExecutesAndTheVaultHoldsWhatThePlanSaid() throws Exception {
        String done = Eventually.await(Duration.ofSeconds(300), "plan " + id() + " DONE", () -> {
            JsonNode p = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans/" + id()).body());
            String status = p.path("plan").path("status").asText();
            if ("FAILED".equals(status)) {
                throw new AssertionError("plan failed: " + p.path("history"));
            }
            return "DONE".equals(status) ? p.toString() : null;
        });
        JsonNode history = EventCodec.mapper().readTree(done).path("history");
        assertTrue(history.toString().contains("EXECUTING") && history.toString().contains("approved by e2e-operator"), history.toString());
        long head = chain.latestBlock();
        int actions = plan.path("actions").size();
        assertEquals(actions, chain.nonce(STRATEGIST, head) - chain.nonce(STRATEGIST, proposedAt),
                "exactly one transaction per action, none repeated");
        // ETH leaves the vault only as the actions' values and enters only as WETH unwrapped (a loop's borrowed WETH);
        // gas is the strategist's
        BigInteger spent = BigInteger.ZERO;
        BigInteger unwrapped = BigInteger.ZERO;
        String weth = Strategist.tokenAddress(catalogue, "WETH");
        for (JsonNode a : plan.path("actions")) {
            spent = spent.add(new BigInteger(a.path("valueWei").asText()));
            String data = a.path("calldata").asText();
            if (weth.equalsIgnoreCase(a.path("target").asText()) && data.startsWith("0x2e1a7d4d")) { // withdraw(uint256)
                unwrapped = unwrapped.add(new BigInteger(data.substring(10, 74), 16));
            }
        }
        assertEquals(chain.ethBalance(vault, proposedAt).subtract(spent).add(unwrapped), chain.ethBalance(vault, head),
                "vault ETH after the plan");
        // each token venue: what the vault holds now lies between the plan's min-out and its expected amount
        Map<String, JsonNode> lastOutput = new LinkedHashMap<>();
        for (JsonNode a : plan.path("actions")) {
            if (!a.path("minOut").isNull() && Set.of("STAKE", "WRAP").contains(a.path("kind").asText())) {
                lastOutput.put(a.path("venueId").asText(), a);
            }
        }
        List<String> checked = new ArrayList<>();
        for (JsonNode v : catalogue.path("venues")) {
            JsonNode out = lastOutput.get(v.path("id").asText());
            if (out == null || !Set.of("NATIVE_STAKING", "RESTAKING_TOKEN").contains(v.path("kind").asText())) {
                continue;
            }
            String token = Strategist.tokenAddress(catalogue, v.path("asset").asText());
            if (routedThroughByAnother(v.path("id").asText(), token)) {
                // e.g. weETH is also the PT route's intermediate (its wrap dust stays in the vault): checked through that venue
                continue;
            }
            BigInteger before = chain.balanceOf(token, vault, proposedAt);
            BigInteger got = chain.balanceOf(token, vault, head).subtract(before);
            BigInteger min = new BigInteger(out.path("minOut").asText());
            BigInteger expected = new BigInteger(out.path("expectedOut").asText());
            assertTrue(got.compareTo(min) >= 0, v.path("id").asText() + ": got " + got + " < min-out " + min);
            // the rate only accrues between plan and execution: never more tokens than at the plan's rate (+1 wei rounding)
            assertTrue(got.compareTo(expected.add(BigInteger.ONE)) <= 0, v.path("id").asText() + ": got " + got + " > expected " + expected);
            checked.add(v.path("id").asText() + " " + got);
        }
        // a PT bought: at least the plan's min-out of PT arrived
        for (JsonNode a : plan.path("actions")) {
            if ("BUY_PT".equals(a.path("kind").asText())) {
                String pt = catalogue.path("contracts").path("pendlePtWeEth").asText();
                BigInteger got = chain.balanceOf(pt, vault, head).subtract(chain.balanceOf(pt, vault, proposedAt));
                assertTrue(got.compareTo(new BigInteger(a.path("minOut").asText())) >= 0, "PT: got " + got + " < min-out " + a.path("minOut"));
                checked.add(a.path("venueId").asText() + " " + got);
            }
        }
        // venues held as positions rather than tokens (the loop's Aave account, EigenLayer shares): the portfolio the
        // rebalancer reads on chain holds at least the plan's target for each, less the plan's slippage bound
        JsonNode portfolio = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/portfolio").body());
        Map<String, java.math.BigDecimal> target = new LinkedHashMap<>();
        plan.path("target").forEach(t -> target.merge(t.path("venueId").asText().replaceAll("@ltv.*", ""),
                new java.math.BigDecimal(t.path("amountEth").asText()), java.math.BigDecimal::add));
        for (String venue : venuesOf(plan)) {
            if (checked.stream().anyMatch(c -> c.startsWith(venue + " ")) || !target.containsKey(venue)) {
                continue;
            }
            for (JsonNode position : portfolio.path("positions")) {
                if (venue.equals(position.path("venueId").asText())) {
                    java.math.BigDecimal value = new java.math.BigDecimal(position.path("valueFundamental").asText());
                    assertTrue(value.compareTo(target.get(venue).multiply(new java.math.BigDecimal("0.98"))) >= 0,
                            venue + ": holds " + value + " < 98 % of the plan's target " + target.get(venue));
                    checked.add(venue + " " + value.setScale(4, java.math.RoundingMode.DOWN));
                }
            }
        }
        assertTrue(checked.size() >= 3, "at least three venues' holdings checked on chain: " + checked);
        System.out.printf("plan %s: %d actions at block %d; vault received %s%n", id(), actions, head, checked);
    }

    @Test
    @Order(5)
    void executionsV1TellsEachTransactionsLifeOnce() throws Exception {
        int actions = plan.path("actions").size();
        try (var events = new TopicReader<>("executions.v1", new EventDeserializer<>(ExecutionEvent.class, ExecutionEvent.SCHEMA_VERSION))) {
            events.await(r -> id().equals(r.value().planId()) && r.value().actionIndex() == actions - 1
                    && "CONFIRMED".equals(r.value().status()), Duration.ofSeconds(30));
            events.drain(Duration.ofSeconds(2));
            List<ExecutionEvent> all = events.seen().stream().map(r -> r.value()).toList();
            // the operator's approval is audited on the same topic, with who did it
            assertTrue(all.stream().anyMatch(e -> ExecutionEvent.ADMIN.equals(e.status()) && e.admin() != null
                    && "e2e-operator".equals(e.admin().subject()) && "plan.approve".equals(e.admin().action())
                    && id().equals(e.admin().target()) && "OK".equals(e.admin().outcome())), "the approval's ADMIN event");
            List<ExecutionEvent> mine = all.stream().filter(e -> id().equals(e.planId()) && !ExecutionEvent.ADMIN.equals(e.status())).toList();
            Set<String> ids = new LinkedHashSet<>();
            Map<Integer, List<String>> perAction = new LinkedHashMap<>();
            Set<BigInteger> nonces = new LinkedHashSet<>();
            for (ExecutionEvent e : mine) {
                assertTrue(ids.add(e.eventId()), "event published twice: " + e);
                perAction.computeIfAbsent(e.actionIndex(), i -> new ArrayList<>()).add(e.status());
                if (e.nonce() != null) {
                    nonces.add(e.nonce());
                }
            }
            assertEquals(actions, perAction.size(), "every action has events: " + perAction);
            perAction.forEach((i, statuses) -> {
                assertEquals("CONFIRMED", statuses.get(statuses.size() - 1), "action " + i + ": " + statuses);
                assertTrue(statuses.indexOf("SIGNED") >= 0 && statuses.indexOf("SIGNED") < statuses.indexOf("SENT"),
                        "action " + i + " journaled as SIGNED before it was SENT: " + statuses);
            });
            assertEquals(actions, nonces.size(), "one nonce per action");
            BigInteger first = nonces.stream().min(BigInteger::compareTo).orElseThrow();
            assertEquals(first.add(BigInteger.valueOf(actions - 1)), nonces.stream().max(BigInteger::compareTo).orElseThrow(), "no nonce gap");
        }
    }

    @Test
    @Order(6)
    void noLogOfAnyServiceContainsTheKeyOrThePassword() throws Exception {
        system.close(); // flush and end every log first
        List<String> secrets = List.of(STRATEGIST_KEY, STRATEGIST_KEY.toUpperCase(), PASSWORD);
        List<String> leaks = new ArrayList<>();
        boolean strategistSeen = false;
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                secrets.stream().filter(text::contains).forEach(s -> leaks.add(f.getFileName() + " contains a secret"));
                strategistSeen |= text.toLowerCase().contains(STRATEGIST.toLowerCase());
            }
        }
        assertTrue(strategistSeen, "the search reads the executor's logs: they name the strategist's address");
        assertEquals(List.of(), leaks);
    }

    private static Set<String> venuesOf(JsonNode p) {
        Set<String> venues = new LinkedHashSet<>();
        p.path("actions").forEach(a -> venues.add(a.path("venueId").asText()));
        venues.remove("idle-eth");
        return venues;
    }

    /** Whether a venue other than {@code venueId} calls the token's contract in this plan (a wrap on its route). */
    private static boolean routedThroughByAnother(String venueId, String token) {
        for (JsonNode a : plan.path("actions")) {
            if (!venueId.equals(a.path("venueId").asText()) && token.equalsIgnoreCase(a.path("target").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String id() {
        assertNotNull(plan, "the plan of test 1");
        return plan.path("planId").asText();
    }
}

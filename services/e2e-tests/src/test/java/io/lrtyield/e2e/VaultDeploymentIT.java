package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code make run} does with the vault, judged as a curator would: the system started as the local devnet starts
 * it (execution on, approval auto, every strategy setting at its default) must put the idle 10,000 ETH to work —
 * within 120 blocks after the warm-up idle ETH is at most the reserve (10 %) + 2 %, positions sit in ≥ 4 venues, every
 * plan is DONE and the portfolio the API shows is what the chain holds — and then keep it: over 150 blocks the plans
 * stay within the cooldown's promise and no position is raised by one plan and cut by the next. (With a 40-s cooldown
 * the same check found a reversal once Morpho was a venue: open, see issue 14's note; the hour's cooldown hides it.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultDeploymentIT {

    private static final String PASSWORD = "e2e-" + UUID.randomUUID();
    private static final SystemUnderTest system = new SystemUnderTest();
    private static final ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
    /** Warm-up blocks of the rebalancer (SnapshotPipeline.WARM_UP_BLOCKS) and the blocks allowed after it. */
    private static final int WARM_UP = 30;
    private static final int DEPLOY_WITHIN = 120;
    /** The default cooldown (1 hour) in 1-s blocks, and the blocks watched for churn after the first decision. */
    private static final int COOLDOWN_BLOCKS = 3600;
    private static final int WATCH_BLOCKS = 150;

    private static JsonNode catalogue;
    private static String vault;
    private static long firstDecision;

    @BeforeAll
    static void start() throws Exception {
        // as make run starts it (deploy/local/lib.sh): execution on, approval auto, one confirmation on Anvil
        Map<String, String> env = new java.util.HashMap<>(Strategist.executionEnv("e2e-keystore-deploy", PASSWORD, "auto"));
        env.put("EXECUTION_CONFIRMATIONS", "1");
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
    void theIdleVaultIsDeployedWithin120BlocksAfterWarmUpAndTheChainHoldsIt() throws Exception {
        firstDecision = Eventually.await(Duration.ofSeconds(120), "a first decision", () -> {
            JsonNode d = decisions();
            return d.isEmpty() ? null : d.get(d.size() - 1).path("blockNumber").asLong();
        });
        long deadline = firstDecision + WARM_UP + DEPLOY_WITHIN;
        JsonNode deployed = Eventually.await(Duration.ofSeconds(WARM_UP + DEPLOY_WITHIN + 120), "the vault deployed", () -> {
            JsonNode p = portfolio();
            if (p.path("blockNumber").asLong() > deadline) {
                throw new AssertionError("not deployed by block " + deadline + ": " + summary(p) + "; plans " + plansSummary()
                        + "; last decision " + decisions().get(0).path("reason").asText());
            }
            return deployed(p) && allDone() ? p : null;
        });
        double total = deployed.path("totalFundamental").asDouble();
        double idle = valueOf(deployed, "idle-eth");
        System.out.printf("deployed at block %d (first decision %d): %s%n", deployed.path("blockNumber").asLong(), firstDecision, summary(deployed));
        assertTrue(idle <= 0.12 * total, "idle " + idle + " of " + total);
        assertTrue(held(deployed).size() >= 4, "positions in ≥ 4 venues: " + held(deployed));

        // the portfolio the API shows is the chain's own state at its block
        long block = deployed.path("blockNumber").asLong();
        int checked = 0;
        for (JsonNode position : deployed.path("positions")) {
            for (JsonNode h : position.path("holdings")) {
                String source = h.path("source").asText();
                BigInteger amount = new BigInteger(h.path("amount").asText());
                if (source.equals("native ETH")) {
                    assertEquals(chain.ethBalance(vault, block), amount, "vault ETH at block " + block);
                    checked++;
                } else if (source.startsWith("balanceOf ")) {
                    assertEquals(chain.balanceOf(Strategist.tokenAddress(catalogue, h.path("asset").asText()), vault, block), amount, source + " at block " + block);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 3, "token and ETH balances checked on chain: " + checked);
    }

    @Test
    @Order(2)
    void over150BlocksThePlansKeepThePolicysPromiseAndNothingIsReversed() throws Exception {
        long until = firstDecision + WATCH_BLOCKS;
        Eventually.await(Duration.ofSeconds(300), "block " + until, () -> chain.latestBlock() >= until ? true : null);
        JsonNode plans = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body());
        List<JsonNode> ordered = new ArrayList<>();
        plans.forEach(ordered::add);
        ordered.sort((a, b) -> Long.compare(a.path("provenance").path("blockNumber").asLong(), b.path("provenance").path("blockNumber").asLong()));
        double gain = 0;
        double cost = 0;
        for (JsonNode p : ordered) {
            String status = p.path("status").asText();
            assertTrue(status.equals("DONE") || status.equals("EXPIRED"), "every plan DONE (or expired unexecuted): " + plansSummary());
            gain += p.path("expectedGainEth").asDouble();
            cost += p.path("costEth").asDouble();
        }
        // at most one plan per cooldown (+1 for an emergency deleverage)
        assertTrue(ordered.size() <= WATCH_BLOCKS / COOLDOWN_BLOCKS + 2, "plans within the cooldown's promise: " + plansSummary());
        assertTrue(cost * 1.5 <= gain, "each plan's gain beats its costs by the margin: gain " + gain + ", cost " + cost);
        String summary = plansSummary();
        for (int i = 0; i + 1 < ordered.size(); i++) {
            long apart = ordered.get(i + 1).path("provenance").path("blockTimestamp").asLong()
                    - ordered.get(i).path("provenance").path("blockTimestamp").asLong();
            assertTrue(apart >= COOLDOWN_BLOCKS || ordered.get(i + 1).path("history").toString().contains("deleverage"),
                    "plans " + apart + " s apart, the cooldown is " + COOLDOWN_BLOCKS + " s: " + summary);
            Map<String, BigDecimal> a = targets(ordered.get(i));
            Map<String, BigDecimal> b = targets(ordered.get(i + 1));
            b.forEach((venue, amount) -> {
                if (!venue.equals("idle-eth") && a.containsKey(venue)) {
                    assertTrue(amount.compareTo(a.get(venue).multiply(new BigDecimal("0.9"))) >= 0,
                            venue + " entered by one plan and cut by the next: " + summary);
                }
            });
        }
        JsonNode p = portfolio();
        System.out.printf("after %d blocks: %s; plans %s%n", p.path("blockNumber").asLong() - firstDecision, summary(p), plansSummary());
    }

    /** Prices frozen (the price service stopped) for more than max-price-age-blocks (10): the breaker names them, no plan. */
    @Test
    @Order(3)
    void frozenPricesStopNewPlansWithTheReason() throws Exception {
        system.stopOne("price-service");
        long frozenAt = chain.latestBlock();
        int plansBefore = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body()).size();
        JsonNode stale = Eventually.await(Duration.ofSeconds(90), "a decision on prices older than 10 blocks", () -> {
            JsonNode d = decisions();
            JsonNode latest = d.isEmpty() ? null : d.get(0);
            return latest != null && latest.path("blockNumber").asLong() > frozenAt + 12
                    && latest.path("reason").asText().contains("blocks old > 10") ? latest : null;
        });
        String reason = stale.path("reason").asText();
        System.out.printf("prices frozen at block %d; decision at %d: %s%n", frozenAt, stale.path("blockNumber").asLong(), reason);
        assertTrue(reason.startsWith("circuit breaker: ") && reason.contains("STALE (last price at block "), reason);
        assertEquals("HOLD", stale.path("action").asText(), reason);
        assertEquals(plansBefore, EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body()).size(),
                "no plan on frozen prices: " + plansSummary());
    }

    private static boolean deployed(JsonNode p) {
        double total = p.path("totalFundamental").asDouble();
        return total > 0 && valueOf(p, "idle-eth") <= 0.12 * total && held(p).size() >= 4;
    }

    private static boolean allDone() throws Exception {
        JsonNode plans = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body());
        if (plans.isEmpty()) {
            return false;
        }
        for (JsonNode p : plans) {
            if (!p.path("status").asText().equals("DONE")) {
                return false;
            }
        }
        return true;
    }

    /** Venues holding at least 0.5 % of the vault (dust left by a route is not a position). */
    private static Map<String, Double> held(JsonNode p) {
        double total = p.path("totalFundamental").asDouble();
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode position : p.path("positions")) {
            String venue = position.path("venueId").asText();
            double value = position.path("valueFundamental").asDouble();
            if (!venue.equals("idle-eth") && !venue.equals("unassigned") && value >= 0.005 * total) {
                out.put(venue, value);
            }
        }
        return out;
    }

    private static double valueOf(JsonNode p, String venue) {
        for (JsonNode position : p.path("positions")) {
            if (venue.equals(position.path("venueId").asText())) {
                return position.path("valueFundamental").asDouble();
            }
        }
        return 0;
    }

    private static String summary(JsonNode p) {
        double total = p.path("totalFundamental").asDouble();
        StringBuilder s = new StringBuilder(String.format("%.2f ETH, idle %.1f %%", total, 100 * valueOf(p, "idle-eth") / Math.max(total, 1e-9)));
        held(p).forEach((v, x) -> s.append(String.format(", %s %.1f %%", v, 100 * x / total)));
        return s.toString();
    }

    private static String plansSummary() throws Exception {
        JsonNode plans = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/plans").body());
        List<String> out = new ArrayList<>();
        plans.forEach(p -> out.add(p.path("planId").asText() + " " + p.path("status").asText() + " @" + p.path("provenance").path("blockNumber").asLong()
                + " " + p.path("plan").path("actions").size() + " actions, last: " + last(p.path("history"))));
        return out.toString();
    }

    private static String last(JsonNode history) {
        return history.isEmpty() ? "" : history.get(history.size() - 1).asText();
    }

    private static Map<String, BigDecimal> targets(JsonNode plan) {
        Map<String, BigDecimal> out = new TreeMap<>();
        plan.path("target").forEach(t -> out.merge(t.path("venueId").asText().replaceAll("@ltv.*", ""),
                new BigDecimal(t.path("amountEth").asText()), BigDecimal::add));
        return out;
    }

    private static JsonNode portfolio() throws Exception {
        return EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/portfolio").body());
    }

    private static JsonNode decisions() throws Exception {
        return EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.REBALANCER, "/api/v1/decisions?limit=1000").body());
    }
}

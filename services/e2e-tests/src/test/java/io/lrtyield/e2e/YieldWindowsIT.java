package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.codec.EventDeserializer;
import io.lrtyield.common.event.WindowYield;
import io.lrtyield.common.event.YieldQuote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The yield service over a week of chain time: the devnet compresses time to four hours a block, stETH accrues at
 * 3.20 %, and the lido-wsteth quote's complete 7-day window — through Kafka, from the price service's ticks — must
 * read 3.20 % ± 0.01 %. Then the yield service restarts and its windows are still there (rate history in Redis), and
 * {@code /pools} answers in DefiLlama's field names and types.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YieldWindowsIT {

    private static final BigDecimal SIMULATED_APR = new BigDecimal("0.032");
    private static final long SECONDS_PER_BLOCK = 4 * 3_600;
    private static final long WEEK = 7 * 86_400;
    private static final SystemUnderTest system = new SystemUnderTest();
    private static YieldQuote weekly;

    @BeforeAll
    static void start() throws Exception {
        system.startOne("devnet", SystemUnderTest.DEVNET, Map.of("DEVNET_STETH_APR", SIMULATED_APR.toPlainString(),
                "DEVNET_SECONDS_PER_BLOCK", String.valueOf(SECONDS_PER_BLOCK), "DEVNET_REPORT_INTERVAL", "200ms"));
        system.awaitReady(Duration.ofSeconds(120), List.of(Map.entry("devnet", SystemUnderTest.DEVNET)));
        system.startOne("price-service", SystemUnderTest.PRICE, Map.of());
        system.startOne("yield-service", SystemUnderTest.YIELD, Map.of());
        system.awaitReady(Duration.ofSeconds(120), List.of(Map.entry("price-service", SystemUnderTest.PRICE),
                Map.entry("yield-service", SystemUnderTest.YIELD)));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    @Order(1)
    void aWeekOfAccrualAt320IsQuotedAt320WithinOneBasisPoint() throws Exception {
        long deployedAt = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.DEVNET, "/api/v1/deployment").body())
                .path("deployedAtBlock").asLong();
        try (var quotes = new TopicReader<>("yields.v1", new EventDeserializer<>(YieldQuote.class, YieldQuote.SCHEMA_VERSION))) {
            // a few blocks after the deployment: the simulator's first report only sets its baseline
            weekly = quotes.await(r -> r.key().equals("lido-wsteth") && week(r.value()) != null
                    && week(r.value()).start().blockNumber() >= deployedAt + 5, Duration.ofSeconds(240)).value();
        }
        WindowYield w = week(weekly);
        assertTrue(w.end().blockTimestamp() - w.start().blockTimestamp() >= WEEK, w.toString());
        assertEquals("7d", weekly.basis(), "the headline rests on the complete 7-day window");
        // the window's two rates are the chain's own (wstETH stEthPerToken at those blocks) and its APR their exact formula
        JsonNode catalogue = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.DEVNET, "/api/v1/catalogue").body());
        String wstEth = Strategist.tokenAddress(catalogue, "wstETH");
        ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
        String stEthPerToken = "0x035faf82";
        assertEquals(0, new BigDecimal(chain.uintCall(wstEth, stEthPerToken, w.start().blockNumber())).movePointLeft(18)
                .compareTo(w.start().rate()), "start rate " + w.start());
        assertEquals(0, new BigDecimal(chain.uintCall(wstEth, stEthPerToken, w.end().blockNumber())).movePointLeft(18)
                .compareTo(w.end().rate()), "end rate " + w.end());
        double seconds = w.end().blockTimestamp() - w.start().blockTimestamp();
        double apr = (w.end().rate().doubleValue() / w.start().rate().doubleValue() - 1) * 31_536_000 / seconds;
        assertEquals(apr, w.apr().doubleValue(), 1e-9, "APR = (r1/r0 − 1) × year / Δt");
        // and the simulated 3.20 % within 1 bp, give or take one report: the simulator accrues each report up to the next
        // block's timestamp, so a window edge whose report landed a block late lags one block (4 h of a 168-h week)
        double oneReport = SIMULATED_APR.doubleValue() * SECONDS_PER_BLOCK / seconds;
        assertTrue(Math.abs(w.apr().doubleValue() - SIMULATED_APR.doubleValue()) <= 0.0001 + oneReport,
                "7-day APR " + w.apr() + " vs the simulated 3.20 % (± 1 bp ± one report, " + oneReport + ")");
    }

    @Test
    @Order(2)
    void aRestartKeepsTheWindows() throws Exception {
        long before = weekly.provenance().blockNumber();
        system.stopOne("yield-service");
        system.startOne("yield-service", SystemUnderTest.YIELD, Map.of());
        system.awaitReady(Duration.ofSeconds(120), List.of(Map.entry("yield-service", SystemUnderTest.YIELD)));
        YieldQuote after;
        try (var quotes = new TopicReader<>("yields.v1", new EventDeserializer<>(YieldQuote.class, YieldQuote.SCHEMA_VERSION))) {
            // the first quote the restarted service publishes already has the whole week behind it
            after = quotes.await(r -> r.key().equals("lido-wsteth") && r.value().provenance().blockNumber() > before + 1,
                    Duration.ofSeconds(90)).value();
        }
        WindowYield w = week(after);
        assertNotNull(w, "complete 7d window right after the restart: " + after.windows());
        assertTrue(w.start().blockNumber() <= before, "the window reaches back before the restart: " + w);
        assertTrue(after.samples() >= weekly.samples(), after.samples() + " samples after vs " + weekly.samples() + " before");
    }

    @Test
    @Order(3)
    void poolsSpeaksDefiLlama() throws Exception {
        JsonNode pools = EventCodec.mapper().readTree(SystemUnderTest.get(SystemUnderTest.YIELD, "/pools").body());
        assertEquals("success", pools.path("status").asText());
        assertTrue(pools.path("data").isArray() && !pools.path("data").isEmpty(), pools.toString());
        for (JsonNode pool : pools.path("data")) {
            for (String text : List.of("pool", "chain", "project", "symbol")) {
                assertTrue(pool.path(text).isTextual(), text + " is a string: " + pool);
            }
            for (String number : List.of("apyBase", "apy")) {
                assertTrue(pool.path(number).isNumber(), number + " is a number: " + pool);
            }
            assertTrue(pool.path("tvlUsd").isNumber() || pool.path("tvlUsd").isNull(), "tvlUsd: " + pool);
            assertTrue(pool.path("apyReward").isNumber() || pool.path("apyReward").isNull(), "apyReward: " + pool);
        }
        JsonNode lido = null;
        for (JsonNode pool : pools.path("data")) {
            if (pool.path("pool").asText().contains("lido-wsteth")) {
                lido = pool;
            }
        }
        assertNotNull(lido, "lido-wsteth is listed: " + pools);
        assertTrue(Set.of("Ethereum", "ethereum", "Devnet", "devnet").contains(lido.path("chain").asText()), lido.toString());
        assertEquals(3.25, lido.path("apyBase").asDouble(), 0.1, "apyBase in percent, as DefiLlama: " + lido);
    }

    private static WindowYield week(YieldQuote q) {
        return q.windows().stream().filter(w -> w.window().equals("7d") && w.complete()).findFirst().orElse(null);
    }
}

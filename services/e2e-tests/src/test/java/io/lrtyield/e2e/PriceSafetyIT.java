package io.lrtyield.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.codec.EventDeserializer;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SourceValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The price service's safety checks against the devnet's scenarios, over real Anvil, Kafka and Redis: ETH/USD from the
 * HTTP source and the feed, a 300 bps depeg of weETH's pool measured against the pool's own state, a stale feed, an
 * oracle jump, and a restart that neither loses history nor publishes a block twice. Only the devnet and the price
 * service run: nothing else is under test here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PriceSafetyIT {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SystemUnderTest system = new SystemUnderTest();
    private static final ChainProbe chain = new ChainProbe(SystemUnderTest.rpcUrl());
    private static final Map<String, String> PRICE_ENV = Map.of("PRICE_ETH_USD_INTERVAL", "1s");
    private static final String GET_DY_1_0_ONE = "0x5e0d443f" + word(1) + word(0) + word(1_000_000_000_000_000_000L);
    private static final String FEE = "0xddca3f43";
    private static final String GET_RATE = "0x679aefce";
    private static Catalogue catalogue;

    @BeforeAll
    static void start() throws Exception {
        system.startOne("devnet", SystemUnderTest.DEVNET, Map.of("DEVNET_REPORT_INTERVAL", "1s"));
        system.awaitReady(Duration.ofSeconds(120), List.of(Map.entry("devnet", SystemUnderTest.DEVNET)));
        system.startOne("price-service", SystemUnderTest.PRICE, PRICE_ENV);
        system.awaitReady(Duration.ofSeconds(120), List.of(Map.entry("price-service", SystemUnderTest.PRICE)));
        catalogue = CatalogueLoader.parse(SystemUnderTest.get(SystemUnderTest.DEVNET, "/api/v1/catalogue").body());
    }

    @AfterAll
    static void stop() throws Exception {
        post("/api/v1/scenarios/reset", "");
        system.close();
    }

    @Test
    @Order(1)
    void usdPricesFollowTheEthUsdSource() throws Exception {
        long from = chain.latestBlock();
        post("/api/v1/scenarios/eth-usd", "{\"usd\":2345.67,\"blocks\":30}");
        PriceTick tick = awaitTick("wstETH", from, t -> t.priceUsd() != null && t.marketPriceEth() != null
                && t.priceUsd().compareTo(t.marketPriceEth().multiply(new BigDecimal("2345.67")).setScale(8, RoundingMode.HALF_EVEN)) == 0);
        assertEquals(tick.marketPriceEth().multiply(new BigDecimal("2345.67")).setScale(8, RoundingMode.HALF_EVEN), tick.priceUsd());
        String http = SystemUnderTest.get(SystemUnderTest.DEVNET, "/api/v3/simple/price?ids=ethereum&vs_currencies=usd").body();
        assertTrue(http.contains("2345.67"), http);
        post("/api/v1/scenarios/reset", "");
    }

    @Test
    @Order(2)
    void aDepegOfWeEthsPoolIsMeasuredFromThePoolStateAndAlertedOnceEachWay() throws Exception {
        long from = chain.latestBlock();
        post("/api/v1/scenarios/depeg", "{\"asset\":\"weETH\",\"bps\":300,\"blocks\":15}");
        PriceTick tick = awaitTick("weETH", from, t -> t.discountBps() != null && t.discountBps().compareTo(BigDecimal.valueOf(290)) > 0);
        long block = tick.provenance().blockNumber();
        // the pool's own price of eETH in WETH at that block: get_dy(eETH → WETH, 1) with the fee taken back out
        String pool = catalogue.contracts().get("curveEEthWethPool");
        BigDecimal dy = new BigDecimal(chain.uintCall(pool, GET_DY_1_0_ONE, block), 18);
        BigDecimal fee = new BigDecimal(chain.uintCall(pool, FEE, block)).movePointLeft(10);
        BigDecimal poolPrice = dy.divide(BigDecimal.ONE.subtract(fee), MC);
        BigDecimal poolDiscountBps = BigDecimal.ONE.subtract(poolPrice).multiply(BigDecimal.valueOf(10_000));
        assertTrue(tick.discountBps().subtract(poolDiscountBps).abs().compareTo(BigDecimal.ONE) <= 0,
                "tick discount " + tick.discountBps() + " bps vs the pool's " + poolDiscountBps + " bps at block " + block);
        BigDecimal rate = new BigDecimal(chain.uintCall(catalogue.asset("weETH").orElseThrow().address(), GET_RATE, block), 18);
        assertEquals(rate, tick.fundamentalRate(), "fundamental rate of the same block");

        try (var alerts = alertReader()) {
            RiskAlert critical = alerts.await(r -> isDepegOfWeEth(r, from) && r.value().active(), Duration.ofSeconds(60)).value();
            assertEquals("CRITICAL", critical.severity());
            assertTrue(critical.value().compareTo(BigDecimal.valueOf(200)) >= 0, critical.toString());
            RiskAlert cleared = alerts.await(r -> isDepegOfWeEth(r, from) && !r.value().active(), Duration.ofSeconds(90)).value();
            long clearedAt = cleared.provenance().blockNumber();
            // ten more blocks: no flapping, the alert was raised once and cleared once
            awaitTick("weETH", clearedAt + 10, t -> true);
            alerts.drain(Duration.ofSeconds(3));
            List<RiskAlert> depegs = alerts.seen().stream().filter(r -> isDepegOfWeEth(r, from)).map(ConsumerRecord::value).toList();
            assertEquals(1, depegs.stream().filter(a -> !a.active()).count(), "cleared once: " + depegs);
            assertEquals(1, depegs.stream().filter(a -> a.active() && a.severity().equals("CRITICAL")).count(), "raised once: " + depegs);
        }
    }

    @Test
    @Order(3)
    void aStaleFeedIsIgnoredByTheAggregate() throws Exception {
        long from = chain.latestBlock();
        post("/api/v1/scenarios/stale-oracle", "{\"asset\":\"weETH\",\"blocks\":10}");
        PriceTick tick = awaitTick("weETH", from, t -> SourceValue.STALE.equals(source(t, "chainlink-weETH-ETH").status()));
        SourceValue feed = source(tick, "chainlink-weETH-ETH");
        assertEquals(0.0, feed.weight(), "a stale feed has no weight");
        assertTrue(feed.detail().contains("heartbeat"), feed.detail());
        assertNotNull(tick.marketPriceEth(), "the pool still prices weETH");
        SourceValue pool = source(tick, "curve-eETH-WETH");
        assertEquals(SourceValue.OK, pool.status());
        assertTrue(MarketBps.between(tick.marketPriceEth(), pool.value()) <= 100, "priced from the pool sources: " + tick);
        assertEquals(PriceStatus.DEGRADED, tick.status());
        try (var alerts = alertReader()) {
            RiskAlert stale = alerts.await(r -> r.value().subject().equals("weETH/chainlink-weETH-ETH") && r.value().kind().equals("STALE_SOURCE")
                    && r.value().active() && r.value().provenance().blockNumber() >= from, Duration.ofSeconds(30)).value();
            assertEquals("WARN", stale.severity());
        }
        post("/api/v1/scenarios/reset", "");
    }

    @Test
    @Order(4)
    void anOracleJumpBeyondTheBoundIsRejected() throws Exception {
        long from = chain.latestBlock();
        post("/api/v1/scenarios/oracle-jump", "{\"asset\":\"weETH\",\"bps\":-1500,\"blocks\":12}");
        PriceTick jumped = awaitTick("weETH", from, t -> SourceValue.JUMP.equals(source(t, "chainlink-weETH-ETH").status()));
        assertTrue(jumped.discountBps().abs().compareTo(BigDecimal.valueOf(50)) < 0, "the 15 % drop is not in the price: " + jumped);
        assertTrue(source(jumped, "chainlink-weETH-ETH").detail().startsWith("moved 1500"), source(jumped, "chainlink-weETH-ETH").detail());
        // once it has held its level it is no longer a jump, but it is still far from every other source
        PriceTick later = awaitTick("weETH", jumped.provenance().blockNumber() + 1,
                t -> SourceValue.OUTLIER.equals(source(t, "chainlink-weETH-ETH").status()));
        assertTrue(later.discountBps().abs().compareTo(BigDecimal.valueOf(50)) < 0, later.toString());
        post("/api/v1/scenarios/reset", "");
    }

    @Test
    @Order(5)
    void aRestartKeepsHistoryAndPublishesNoBlockTwice() throws Exception {
        PriceTick before = awaitTick("rETH", chain.latestBlock(), t -> true);
        system.stopOne("price-service");
        long stoppedAt = chain.latestBlock();
        system.startOne("price-service", SystemUnderTest.PRICE, PRICE_ENV);
        system.awaitReady(Duration.ofSeconds(120), List.of(Map.entry("price-service", SystemUnderTest.PRICE)));
        PriceTick after = awaitTick("rETH", stoppedAt + 1, t -> true);
        assertTrue(after.provenance().blockNumber() > before.provenance().blockNumber());

        // every rETH tick this price service ever published for this chain: one per block, no id twice
        Set<String> ids = new HashSet<>();
        Set<Long> blocks = new HashSet<>();
        try (var ticks = tickReader()) {
            ticks.await(r -> r.value().eventId().equals(after.eventId()), Duration.ofSeconds(30));
            for (var r : ticks.seen()) {
                if (r.key().equals("rETH") && r.value().provenance().chainId() == catalogue.chainId()) {
                    assertTrue(ids.add(r.value().eventId()), "published twice: " + r.value().eventId());
                    assertTrue(blocks.add(r.value().provenance().blockNumber()), "two ticks for block " + r.value().provenance().blockNumber());
                }
            }
        }
        // the history survived the restart: ticks from before and after it, in one range query
        String body = SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices/rETH/history?from=" + before.provenance().blockNumber()
                + "&to=" + after.provenance().blockNumber() + "&limit=1000").body();
        List<PriceTick> history = EventCodec.mapper().readValue(body, new TypeReference<>() { });
        assertEquals(before.eventId(), history.get(0).eventId());
        assertEquals(after.eventId(), history.get(history.size() - 1).eventId());
        // and nothing was missed while it was down: the blocks mined meanwhile were backfilled, every one once, in order
        assertEquals(java.util.stream.LongStream.rangeClosed(before.provenance().blockNumber(), after.provenance().blockNumber()).boxed().toList(),
                history.stream().map(t -> t.provenance().blockNumber()).toList(), "every block across the restart");
        String gaps = SystemUnderTest.get(SystemUnderTest.PRICE, "/api/v1/prices/gaps").body();
        assertEquals("[]", gaps, "no gap after a restart within price.max-backfill-blocks");
    }

    private static boolean isDepegOfWeEth(ConsumerRecord<String, RiskAlert> r, long from) {
        return r.value().subject().equals("weETH") && r.value().kind().equals("DEPEG") && r.value().provenance().blockNumber() >= from;
    }

    private static SourceValue source(PriceTick tick, String id) {
        return tick.sources().stream().filter(s -> s.source().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no source " + id + " in " + tick));
    }

    private static PriceTick awaitTick(String asset, long fromBlock, java.util.function.Predicate<PriceTick> match) {
        try (var ticks = tickReader()) {
            return ticks.await(r -> r.key().equals(asset) && r.value().provenance().blockNumber() >= fromBlock && match.test(r.value()),
                    Duration.ofSeconds(90)).value();
        }
    }

    private static TopicReader<PriceTick> tickReader() {
        return new TopicReader<>("prices.v1", new EventDeserializer<>(PriceTick.class, PriceTick.SCHEMA_VERSION));
    }

    private static TopicReader<RiskAlert> alertReader() {
        return new TopicReader<>("risk-alerts.v1", new EventDeserializer<>(RiskAlert.class, RiskAlert.SCHEMA_VERSION));
    }

    private static void post(String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SystemUnderTest.DEVNET + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
    }

    private static String word(long v) {
        return String.format("%064x", BigInteger.valueOf(v));
    }

    /** |a / b − 1| in bps. */
    private static final class MarketBps {
        static double between(BigDecimal a, BigDecimal b) {
            return a.divide(b, MC).subtract(BigDecimal.ONE).abs().doubleValue() * 10_000;
        }
    }
}

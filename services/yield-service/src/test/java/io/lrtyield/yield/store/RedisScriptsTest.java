package io.lrtyield.yield.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.store.ScoredHistoryWrite;
import io.lrtyield.yield.YieldConfig;
import io.lrtyield.yield.model.StakingYieldModel;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The stores' Lua scripts on a real {@code redis-server} of the test's own: the rate history's add-and-window gives the
 * points the windows would pick from the whole history, drops a reset chain's history and trims by age; a published
 * quote replaces the history element at its block, trims to the bound and sets the latest value.
 */
class RedisScriptsTest {

    private static Process server;
    private static Vertx vertx;
    private static ReactiveRedisDataSource redis;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start (apt-get install -y redis-server)", e);
                }
                Thread.sleep(50);
            }
        }
        vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + port);
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void addAndWindowPicksWhatTheWindowsWouldPickFromTheWholeHistory() {
        long retentionDays = 40;
        var store = new RateHistoryStore(redis, config(retentionDays, 10));
        String series = "1:0xabc:getRate-" + System.nanoTime();
        List<RatePoint> all = new ArrayList<>();
        long t0 = 1_700_000_000L;
        for (int i = 0; i < 600; i++) {
            // uneven spacing (1 to 3 hours) over ~75 days: more than the retention
            long ts = t0 + i * 3_600L + (i % 7) * 3_600L * i / 3;
            if (!all.isEmpty() && ts <= all.get(all.size() - 1).blockTimestamp()) {
                ts = all.get(all.size() - 1).blockTimestamp() + 3_600;
            }
            RatePoint p = new RatePoint(100 + i, ts, new BigDecimal("1.0").add(new BigDecimal(i).movePointLeft(5)));
            all.add(p);
            RateHistoryStore.Window window = store.addAndWindow(series, p, null).await().atMost(Duration.ofSeconds(5));
            List<RatePoint> kept = all.stream().filter(x -> x.blockTimestamp() > p.blockTimestamp() - retentionDays * 86_400).toList();
            assertEquals(kept.size(), window.samples(), "samples after point " + i);
            assertEquals(expectedWindowPoints(kept), window.points(), "window points after point " + i);
        }
    }

    @Test
    void aPointAtALowerBlockButALaterTimeIsANewChainAndDropsTheOldHistory() {
        var store = new RateHistoryStore(redis, config(40, 10));
        String series = "1:0xdef:getRate-" + System.nanoTime();
        store.addAndWindow(series, new RatePoint(500, 1_700_000_000L, BigDecimal.ONE), null).await().indefinitely();
        store.addAndWindow(series, new RatePoint(501, 1_700_000_012L, new BigDecimal("1.01")), null).await().indefinitely();
        RatePoint fresh = new RatePoint(3, 1_700_000_100L, new BigDecimal("1.00001"));
        RateHistoryStore.Window window = store.addAndWindow(series, fresh, null).await().indefinitely();
        assertEquals(1, window.samples());
        assertEquals(List.of(fresh), window.points());
    }

    @Test
    void anEventAlreadyProcessedAddsNothing() {
        var store = new RateHistoryStore(redis, config(40, 10));
        String series = "1:0x123:getRate-" + System.nanoTime();
        String event = "tick-" + System.nanoTime();
        RateHistoryStore.Window first = store.addAndWindow(series, new RatePoint(10, 1_700_000_000L, BigDecimal.ONE), event).await().indefinitely();
        assertEquals(false, first.seen());
        assertEquals(1, first.samples());
        store.processed(event).await().indefinitely();
        RateHistoryStore.Window again = store.addAndWindow(series, new RatePoint(11, 1_700_000_012L, BigDecimal.TEN), event).await().indefinitely();
        assertEquals(true, again.seen(), "a redelivered tick is recognised");
        RateHistoryStore.Window next = store.addAndWindow(series, new RatePoint(11, 1_700_000_012L, BigDecimal.TEN), "other").await().indefinitely();
        assertEquals(2, next.samples(), "the redelivery added nothing: only the next event's point joined");
    }

    @Test
    void aPublishedQuoteReplacesItsBlockTrimsTheHistoryAndIsTheLatest() {
        var store = new QuoteStore(redis, config(40, 3));
        String venue = "venue-" + System.nanoTime();
        for (long block = 10; block <= 15; block++) {
            store.saveWithHistory(quote(venue, block, "0.03")).await().indefinitely();
        }
        YieldQuote again = quote(venue, 15, "0.031");
        store.saveWithHistory(again).await().indefinitely();
        List<YieldQuote> history = store.history(venue, 0, 100, 100).await().indefinitely();
        assertEquals(List.of(13L, 14L, 15L), history.stream().map(q -> q.provenance().blockNumber()).toList(), "the newest 3 kept");
        assertEquals(0, new BigDecimal("0.031").compareTo(history.get(2).netApy()), "block 15's quote replaced, not duplicated");
        assertEquals(0, new BigDecimal("0.031").compareTo(store.latest(venue).await().indefinitely().netApy()));
        assertNull(store.latest("no-such-venue").await().indefinitely());
    }

    @Test
    void severalEntriesAndTheMarkerAreWrittenTogether() {
        String tag = "t" + System.nanoTime();
        var entries = List.of(new ScoredHistoryWrite.Entry(tag + ":h:a", tag + ":l:a", 7, "a7"),
                new ScoredHistoryWrite.Entry(tag + ":h:b", tag + ":l:b", 7, "b7"),
                new ScoredHistoryWrite.Entry(tag + ":h:c", null, 7, "c7"));
        redis.execute("EVAL", ScoredHistoryWrite.evalArgs(entries, ScoredHistoryWrite.Trim.RANK, 10, tag + ":marker", "block-7")).await().indefinitely();
        var values = redis.value(String.class);
        assertEquals("a7", values.get(tag + ":l:a").await().indefinitely());
        assertEquals("b7", values.get(tag + ":l:b").await().indefinitely());
        assertEquals("block-7", values.get(tag + ":marker").await().indefinitely());
        assertEquals(List.of("c7"), redis.sortedSet(String.class).zrange(tag + ":h:c", 0, -1).await().indefinitely());
        assertEquals(0L, redis.key().exists(tag + ":l:c").await().indefinitely() ? 1L : 0L, "no latest key for an entry without one");
        // no marker given: the marker stays as it was
        redis.execute("EVAL", ScoredHistoryWrite.evalArgs(List.of(new ScoredHistoryWrite.Entry(tag + ":h:a", tag + ":l:a", 8, "a8")),
                ScoredHistoryWrite.Trim.RANK, 10, null, null)).await().indefinitely();
        assertEquals("block-7", values.get(tag + ":marker").await().indefinitely());
        assertEquals(List.of("a7", "a8"), redis.sortedSet(String.class).zrange(tag + ":h:a", 0, -1).await().indefinitely());
    }

    /** The oldest kept, the newest, and per window the newest at or before (newest − window), oldest first. */
    private static List<RatePoint> expectedWindowPoints(List<RatePoint> kept) {
        TreeMap<Long, RatePoint> out = new TreeMap<>();
        RatePoint newest = kept.get(kept.size() - 1);
        out.put(kept.get(0).blockTimestamp(), kept.get(0));
        out.put(newest.blockTimestamp(), newest);
        for (StakingYieldModel.Window w : StakingYieldModel.WINDOWS) {
            kept.stream().filter(p -> p.blockTimestamp() <= newest.blockTimestamp() - w.seconds())
                    .reduce((a, b) -> b).ifPresent(p -> out.put(p.blockTimestamp(), p));
        }
        return List.copyOf(out.values());
    }

    private static YieldQuote quote(String venue, long block, String apy) {
        String json = """
                {"schemaVersion":%d,"eventId":"%s-%d","venueId":"%s","kind":"STAKING","asset":"wstETH","netApy":%s,"samples":2,
                 "provenance":{"chainId":1,"blockNumber":%d,"blockHash":"0x%064x","blockTimestamp":%d}}"""
                .formatted(YieldQuote.SCHEMA_VERSION, venue, block, venue, apy, block, block, 1_700_000_000L + block * 12);
        return EventCodec.fromJson(json, YieldQuote.class);
    }

    /** The two settings the stores read; any other call is a test bug. */
    private static YieldConfig config(long historyDays, long historyMaxQuotes) {
        return (YieldConfig) Proxy.newProxyInstance(YieldConfig.class.getClassLoader(), new Class<?>[]{YieldConfig.class}, (p, m, a) -> switch (m.getName()) {
            case "historyDays" -> (int) historyDays;
            case "historyMaxQuotes" -> historyMaxQuotes;
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }
}

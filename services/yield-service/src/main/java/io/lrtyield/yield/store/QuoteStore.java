package io.lrtyield.yield.store;

import io.lrtyield.common.chain.ProcessedBlock;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.store.ScoredHistoryWrite;
import io.lrtyield.yield.YieldConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest quote per venue ({@code yield:latest:{venue}}) and the published ones, bounded
 * ({@code yield:history:{venue}}, sorted set, score = block number, newest {@code yield.history-max-quotes} kept).
 * Latest and history of a published quote are written in one script (atomic, one round trip).
 */
@ApplicationScoped
public class QuoteStore {

    private static final String MARKET_QUOTED_KEY = "yield:market:last-quoted-block";

    private final ReactiveRedisDataSource redis;
    private final long historyMax;

    QuoteStore(ReactiveRedisDataSource redis, YieldConfig config) {
        this.redis = redis;
        this.historyMax = config.historyMaxQuotes();
    }

    public Uni<Void> save(YieldQuote quote) {
        return redis.value(String.class).set(key(quote.venueId()), EventCodec.toJson(quote));
    }

    /** Latest and history, atomically: for a quote that was published. */
    public Uni<Void> saveWithHistory(YieldQuote quote) {
        var entry = new ScoredHistoryWrite.Entry(historyKey(quote.venueId()), key(quote.venueId()), quote.provenance().blockNumber(),
                EventCodec.toJson(quote));
        return redis.execute("EVAL", ScoredHistoryWrite.evalArgs(List.of(entry), ScoredHistoryWrite.Trim.RANK, historyMax, null, null))
                .replaceWithVoid();
    }

    /** The last block whose market venues were all quoted: where the market quotes resume after a restart. */
    public Uni<Void> markMarketQuoted(ProcessedBlock block) {
        return redis.value(String.class).set(MARKET_QUOTED_KEY, EventCodec.toJson(block));
    }

    public Uni<ProcessedBlock> lastMarketQuotedBlock() {
        return redis.value(String.class).get(MARKET_QUOTED_KEY).map(json -> json == null ? null : EventCodec.fromJson(json, ProcessedBlock.class));
    }

    public Uni<YieldQuote> latest(String venueId) {
        return redis.value(String.class).get(key(venueId)).map(json -> json == null ? null : EventCodec.fromJson(json, YieldQuote.class));
    }

    public Uni<List<YieldQuote>> latest(List<String> venueIds) {
        if (venueIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.value(String.class).mget(venueIds.stream().map(QuoteStore::key).toArray(String[]::new))
                .map((Map<String, String> values) -> venueIds.stream().map(v -> values.get(key(v))).filter(Objects::nonNull)
                        .map(json -> EventCodec.fromJson(json, YieldQuote.class)).toList());
    }

    /** Published quotes of a venue between two blocks (inclusive), oldest first, at most {@code limit}. */
    public Uni<List<YieldQuote>> history(String venueId, long fromBlock, long toBlock, int limit) {
        return redis.sortedSet(String.class)
                .zrangebyscore(historyKey(venueId), new ScoreRange<>((double) fromBlock, (double) toBlock), new ZRangeArgs().limit(0, limit))
                .map(list -> list.stream().map(json -> EventCodec.fromJson(json, YieldQuote.class)).toList());
    }

    private static String key(String venueId) {
        return "yield:latest:" + venueId;
    }

    private static String historyKey(String venueId) {
        return "yield:history:" + venueId;
    }
}

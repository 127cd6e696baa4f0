package io.lrtyield.price.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.store.ScoredHistoryWrite;
import io.lrtyield.price.PriceConfig;
import io.lrtyield.common.chain.BlockGap;
import io.lrtyield.common.chain.ProcessedBlock;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Latest tick and bounded history per asset in Redis. Keys: {@code price:latest:{asset}} (JSON) and
 * {@code price:history:{asset}} (sorted set, score = block number). One script per block, so latest and history
 * never disagree; a tick for a block already stored (reorg) replaces it.
 */
@ApplicationScoped
public class PriceStore {

    private static final String LAST_BLOCK_KEY = "price:last-priced-block";
    /** Blocks that will never have a tick: sorted set, score = first block of the gap. */
    private static final String GAPS_KEY = "price:gaps";

    private final ReactiveRedisDataSource redis;
    private final int retention;

    PriceStore(ReactiveRedisDataSource redis, PriceConfig config) {
        this.redis = redis;
        this.retention = config.historyRetention();
    }

    public Uni<Void> save(PriceTick tick) {
        return write(List.of(tick), null);
    }

    /** One block's ticks in one script: latest and history of every asset change together. */
    public Uni<Void> saveAll(List<PriceTick> ticks) {
        return write(ticks, null);
    }

    /**
     * One block's ticks and the block as the last one fully published (the resume point), in one script: one round
     * trip, and the resume point never names a block whose ticks are not stored.
     */
    public Uni<Void> saveBlock(List<PriceTick> ticks, ProcessedBlock block) {
        return write(ticks, block);
    }

    private Uni<Void> write(List<PriceTick> ticks, ProcessedBlock block) {
        if (ticks.isEmpty() && block == null) {
            return Uni.createFrom().voidItem();
        }
        List<ScoredHistoryWrite.Entry> entries = ticks.stream().map(t -> new ScoredHistoryWrite.Entry(historyKey(t.asset()),
                latestKey(t.asset()), t.provenance().blockNumber(), EventCodec.toJson(t))).toList();
        return redis.execute("EVAL", ScoredHistoryWrite.evalArgs(entries, ScoredHistoryWrite.Trim.RANK, retention, LAST_BLOCK_KEY,
                block == null ? null : EventCodec.toJson(block))).replaceWithVoid();
    }

    public Uni<PriceTick> latest(String asset) {
        return redis.value(String.class).get(latestKey(asset)).map(json -> json == null ? null : EventCodec.fromJson(json, PriceTick.class));
    }

    public Uni<List<PriceTick>> latest(List<String> assets) {
        if (assets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] keys = assets.stream().map(PriceStore::latestKey).toArray(String[]::new);
        return redis.value(String.class).mget(keys).map((Map<String, String> values) -> assets.stream()
                .map(a -> values.get(latestKey(a)))
                .filter(Objects::nonNull)
                .map(json -> EventCodec.fromJson(json, PriceTick.class))
                .toList());
    }

    /** Ticks with fromBlock ≤ block ≤ toBlock, oldest first, at most {@code limit}. */
    public Uni<List<PriceTick>> history(String asset, long fromBlock, long toBlock, int limit) {
        return redis.sortedSet(String.class)
                .zrangebyscore(historyKey(asset), new ScoreRange<>((double) fromBlock, (double) toBlock), new ZRangeArgs().limit(0, limit))
                .map(list -> list.stream().map(json -> EventCodec.fromJson(json, PriceTick.class)).toList());
    }

    /** The last fully published block, if any. */
    public Uni<ProcessedBlock> lastPricedBlock() {
        return redis.value(String.class).get(LAST_BLOCK_KEY).map(json -> json == null ? null : EventCodec.fromJson(json, ProcessedBlock.class));
    }

    /** Records a gap (the same gap twice is kept once); the oldest are trimmed with the history retention. */
    public Uni<Void> saveGap(BlockGap gap) {
        var gaps = redis.sortedSet(String.class);
        return gaps.zadd(GAPS_KEY, gap.fromBlock(), EventCodec.toJson(gap))
                .chain(() -> gaps.zremrangebyrank(GAPS_KEY, 0, -(long) retention - 1))
                .replaceWithVoid();
    }

    /** Gaps that start between fromBlock and toBlock (inclusive), oldest first, at most {@code limit}. */
    public Uni<List<BlockGap>> gaps(long fromBlock, long toBlock, int limit) {
        return redis.sortedSet(String.class)
                .zrangebyscore(GAPS_KEY, new ScoreRange<>((double) fromBlock, (double) toBlock), new ZRangeArgs().limit(0, limit))
                .map(list -> list.stream().map(json -> EventCodec.fromJson(json, BlockGap.class)).toList());
    }

    static String latestKey(String asset) {
        return "price:latest:" + asset;
    }

    static String historyKey(String asset) {
        return "price:history:" + asset;
    }
}

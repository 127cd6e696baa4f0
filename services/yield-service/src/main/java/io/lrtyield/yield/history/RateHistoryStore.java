package io.lrtyield.yield.history;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.yield.YieldConfig;
import io.lrtyield.yield.model.StakingYieldModel;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Fundamental-rate observations per asset in Redis ({@code yield:rates:{asset}}, score = block timestamp), so a
 * restart does not reset the windows. Reading a window costs one tiny range query per window, not the whole history.
 */
@ApplicationScoped
public class RateHistoryStore {

    private static final Duration SEEN_TTL = Duration.ofDays(2);

    private final ReactiveRedisDataSource redis;
    private final long retentionSeconds;

    RateHistoryStore(ReactiveRedisDataSource redis, YieldConfig config) {
        this.redis = redis;
        this.retentionSeconds = config.historyDays() * 86_400L;
    }

    /** True the first time an event id is seen (consumers are idempotent under at-least-once delivery). */
    public Uni<Boolean> firstSight(String eventId) {
        return redis.value(String.class).setGet("yield:seen:" + eventId, "1", new SetArgs().nx().ex(SEEN_TTL))
                .map(previous -> previous == null);
    }

    public Uni<Void> add(String asset, RatePoint point) {
        String key = key(asset);
        double ts = point.blockTimestamp();
        return redis.withTransaction(tx -> {
            var set = tx.sortedSet(String.class);
            return set.zremrangebyscore(key, new ScoreRange<>(ts, ts))
                    .chain(() -> set.zadd(key, ts, EventCodec.toJson(point)))
                    .chain(() -> set.zremrangebyscore(key, new ScoreRange<>(Double.NEGATIVE_INFINITY, ts - retentionSeconds)));
        }).replaceWithVoid();
    }

    /**
     * The observations the windows need, oldest first: the oldest kept, for each window the newest at or before
     * (now − window), and the newest. Feeding these to {@link StakingYieldModel} gives the same result as the full
     * history.
     */
    public Uni<List<RatePoint>> windowPoints(String asset) {
        String key = key(asset);
        var set = redis.sortedSet(String.class);
        return set.zrange(key, -1, -1).chain(newestList -> {
            if (newestList.isEmpty()) {
                return Uni.createFrom().item(List.<RatePoint>of());
            }
            RatePoint newest = EventCodec.fromJson(newestList.get(0), RatePoint.class);
            List<Uni<List<String>>> reads = new ArrayList<>();
            reads.add(set.zrange(key, 0, 0));
            for (StakingYieldModel.Window w : StakingYieldModel.WINDOWS) {
                double cutoff = newest.blockTimestamp() - w.seconds();
                reads.add(set.zrangebyscore(key, new ScoreRange<>(Double.NEGATIVE_INFINITY, cutoff), new ZRangeArgs().rev().limit(0, 1)));
            }
            return Uni.join().all(reads).andFailFast().map(lists -> {
                TreeMap<Long, RatePoint> points = new TreeMap<>();
                points.put(newest.blockTimestamp(), newest);
                lists.stream().flatMap(List::stream).map(json -> EventCodec.fromJson(json, RatePoint.class))
                        .forEach(p -> points.put(p.blockTimestamp(), p));
                return points.values().stream().sorted(Comparator.comparingLong(RatePoint::blockTimestamp)).toList();
            });
        });
    }

    private static String key(String asset) {
        return "yield:rates:" + asset;
    }
}

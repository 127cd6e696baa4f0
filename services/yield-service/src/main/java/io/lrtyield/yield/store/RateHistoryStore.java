package io.lrtyield.yield.store;

import io.lrtyield.common.catalogue.RateSource;
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
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Fundamental-rate observations per rate series in Redis ({@code yield:rates:{series}}, score = block timestamp), so a
 * restart does not reset the windows. A series is one rate view of one contract on one chain
 * ({@code chainId:contract:function}): a redeployed token starts a new series instead of polluting the old one. Reading a window costs one tiny range query per window, not the whole history.
 */
@ApplicationScoped
public class RateHistoryStore {

    private static final Logger LOG = Logger.getLogger(RateHistoryStore.class);

    private static final Duration SEEN_TTL = Duration.ofDays(2);

    private final ReactiveRedisDataSource redis;
    private final long retentionSeconds;

    RateHistoryStore(ReactiveRedisDataSource redis, YieldConfig config) {
        this.redis = redis;
        this.retentionSeconds = config.historyDays() * 86_400L;
    }

    /**
     * Whether an event was already processed (consumers are idempotent under at-least-once delivery). Marked by
     * {@link #processed} once its work is done, so a failure half-way leaves it to be processed again, not skipped.
     */
    public Uni<Boolean> seen(String eventId) {
        return redis.key().exists("yield:seen:" + eventId);
    }

    public Uni<Void> processed(String eventId) {
        return redis.value(String.class).set("yield:seen:" + eventId, "1", new SetArgs().ex(SEEN_TTL));
    }

    /**
     * Adds an observation. A point at a later time but a lower block than the newest kept means the chain was reset
     * (a devnet restarted): the old history describes another chain, so it is dropped rather than mixed in.
     */
    public Uni<Void> add(String series, RatePoint point) {
        String key = key(series);
        double ts = point.blockTimestamp();
        return newest(key).chain(newest -> {
            if (newest != null && newest.blockNumber() >= point.blockNumber() && newest.blockTimestamp() < point.blockTimestamp()) {
                LOG.warnf("chain reset detected for %s (block %d after %d): dropping its rate history", series,
                        point.blockNumber(), newest.blockNumber());
                return redis.key().del(key).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        }).chain(() -> redis.withTransaction(tx -> {
            var set = tx.sortedSet(String.class);
            return set.zremrangebyscore(key, new ScoreRange<>(ts, ts))
                    .chain(() -> set.zadd(key, ts, EventCodec.toJson(point)))
                    .chain(() -> set.zremrangebyscore(key, new ScoreRange<>(Double.NEGATIVE_INFINITY, ts - retentionSeconds)));
        })).replaceWithVoid();
    }

    /** How many observations are kept for the asset. */
    public Uni<Long> samples(String series) {
        return redis.sortedSet(String.class).zcard(key(series));
    }

    private Uni<RatePoint> newest(String key) {
        return redis.sortedSet(String.class).zrange(key, -1, -1)
                .map(list -> list.isEmpty() ? null : EventCodec.fromJson(list.get(0), RatePoint.class));
    }

    /**
     * The observations the windows need, oldest first: the oldest kept, for each window the newest at or before
     * (now − window), and the newest. Feeding these to {@link StakingYieldModel} gives the same result as the full
     * history.
     */
    public Uni<List<RatePoint>> windowPoints(String series) {
        String key = key(series);
        var set = redis.sortedSet(String.class);
        return newest(key).chain(newest -> {
            if (newest == null) {
                return Uni.createFrom().item(List.<RatePoint>of());
            }
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

    /** The series id of an asset's fundamental rate in a catalogue. */
    public static String seriesOf(long chainId, RateSource source) {
        return chainId + ":" + source.contract().toLowerCase(java.util.Locale.ROOT) + ":" + source.function();
    }

    private static String key(String series) {
        return "yield:rates:" + series;
    }
}

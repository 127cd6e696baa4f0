package io.lrtyield.yield.store;

import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.yield.YieldConfig;
import io.lrtyield.yield.model.StakingYieldModel;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Fundamental-rate observations per rate series in Redis ({@code yield:rates:{series}}, score = block timestamp), so a
 * restart does not reset the windows. A series is one rate view of one contract on one chain
 * ({@code chainId:contract:function}): a redeployed token starts a new series instead of polluting the old one. Adding a point and reading the windows is one script: a few tiny range queries inside Redis, not the whole history.
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
     * Marks an event processed (consumers are idempotent under at-least-once delivery): once its work is done, so a
     * failure half-way leaves it to be processed again, not skipped. {@link #addAndWindow} checks the mark.
     */
    public Uni<Void> processed(String eventId) {
        return redis.value(String.class).set(seenKey(eventId), "1", new SetArgs().ex(SEEN_TTL));
    }

    private static String seenKey(String eventId) {
        return "yield:seen:" + eventId;
    }

    /**
     * What the windows need after an observation is added, and how many observations the series keeps; or, for an
     * event already processed (a redelivery), {@code seen} and nothing added.
     */
    public record Window(boolean seen, List<RatePoint> points, long samples) {
    }

    /**
     * Adds an observation and reads what the windows need, in one script (one round trip, where the chained MULTI and
     * the window reads took about nine): the oldest kept, for each window the newest at or before (newest − window),
     * and the newest, oldest first — feeding these to {@link StakingYieldModel} gives the same result as the full
     * history. A point at a later time but a lower block than the newest kept means the chain was reset (a devnet
     * restarted): the old history describes another chain, so it is dropped rather than mixed in. An event already
     * {@link #processed} ({@code eventId}; null: none) adds nothing.
     */
    public Uni<Window> addAndWindow(String series, RatePoint point, String eventId) {
        List<String> argv = new ArrayList<>(List.of(ADD_AND_WINDOW, "2", key(series), eventId == null ? key(series) + ":-" : seenKey(eventId),
                Long.toString(point.blockTimestamp()),
                Long.toString(point.blockNumber()), EventCodec.toJson(point), Long.toString(retentionSeconds)));
        StakingYieldModel.WINDOWS.forEach(w -> argv.add(Long.toString(w.seconds())));
        return redis.execute("EVAL", argv.toArray(String[]::new)).map(r -> {
            if (r.get(0).toLong() == -1) {
                return new Window(true, List.of(), 0);
            }
            if (r.get(0).toLong() == 1) {
                LOG.warnf("chain reset detected for %s (block %d after a later-timestamped one): dropped its rate history", series,
                        point.blockNumber());
            }
            TreeMap<Long, RatePoint> points = new TreeMap<>();
            for (int i = 2; i < r.size(); i++) {
                String json = r.get(i).toString();
                if (!json.isEmpty()) {
                    RatePoint p = EventCodec.fromJson(json, RatePoint.class);
                    points.put(p.blockTimestamp(), p);
                }
            }
            return new Window(false, List.copyOf(points.values()), r.get(1).toLong());
        });
    }

    private static final String ADD_AND_WINDOW = """
            -- KEYS[1]: the series, KEYS[2]: the event's processed mark; ARGV: timestamp, block, point, retention seconds,
            -- window_1 seconds, ...
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return {-1}
            end
            local key = KEYS[1]
            local ts, block = tonumber(ARGV[1]), tonumber(ARGV[2])
            local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
            local reset = 0
            if #newest > 0 and cjson.decode(newest[1]).blockNumber >= block and tonumber(newest[2]) < ts then
              redis.call('DEL', key)
              reset = 1
            end
            redis.call('ZREMRANGEBYSCORE', key, ARGV[1], ARGV[1])
            redis.call('ZADD', key, ARGV[1], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.17g', ts - tonumber(ARGV[4])))
            local top = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
            local out = {reset, redis.call('ZCARD', key), top[1], redis.call('ZRANGE', key, 0, 0)[1] or ''}
            for i = 5, #ARGV do
              local at = redis.call('ZREVRANGEBYSCORE', key, string.format('%.17g', tonumber(top[2]) - tonumber(ARGV[i])), '-inf', 'LIMIT', 0, 1)
              out[#out + 1] = at[1] or ''
            end
            return out
            """;

    /** The series id of an asset's fundamental rate in a catalogue. */
    public static String seriesOf(long chainId, RateSource source) {
        return chainId + ":" + source.contract().toLowerCase(java.util.Locale.ROOT) + ":" + source.function();
    }

    private static String key(String series) {
        return "yield:rates:" + series;
    }
}

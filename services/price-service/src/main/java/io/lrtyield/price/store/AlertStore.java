package io.lrtyield.price.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RiskAlert;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Risk alerts raised by the price service, newest first ({@code price:alerts}, capped), for the alerts API. */
@ApplicationScoped
public class AlertStore {

    private static final String KEY = "price:alerts";
    private static final int KEPT = 10_000;
    private static final String SEEN = "price:alert-seen:";
    private static final java.time.Duration SEEN_TTL = java.time.Duration.ofDays(2);

    private final ReactiveRedisDataSource redis;

    AlertStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Keeps the alert once: replicas of the service raise the same alert at the same block with the same eventId, and
     * only the first of them lists it.
     */
    public Uni<Void> save(RiskAlert alert) {
        return redis.value(String.class).setGet(SEEN + alert.eventId(), "1", new SetArgs().nx().ex(SEEN_TTL))
                .chain(previous -> previous != null ? Uni.createFrom().voidItem()
                        : redis.withTransaction(tx -> tx.list(String.class).lpush(KEY, EventCodec.toJson(alert))
                                .chain(() -> tx.list(String.class).ltrim(KEY, 0, KEPT - 1))).replaceWithVoid());
    }

    /** Alerts raised at or after {@code sinceBlock}, newest first, at most {@code limit}. */
    public Uni<List<RiskAlert>> since(long sinceBlock, int limit) {
        return redis.list(String.class).lrange(KEY, 0, KEPT - 1)
                .map(list -> list.stream().map(json -> EventCodec.fromJson(json, RiskAlert.class))
                        .filter(a -> a.provenance().blockNumber() >= sinceBlock)
                        .limit(limit)
                        .toList());
    }
}

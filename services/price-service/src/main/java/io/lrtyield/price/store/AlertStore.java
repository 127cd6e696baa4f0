package io.lrtyield.price.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RiskAlert;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Risk alerts raised by the price service, newest first ({@code price:alerts}, capped), for the alerts API. */
@ApplicationScoped
public class AlertStore {

    private static final String KEY = "price:alerts";
    private static final int KEPT = 10_000;

    private final ReactiveRedisDataSource redis;

    AlertStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Void> save(RiskAlert alert) {
        return redis.withTransaction(tx -> tx.list(String.class).lpush(KEY, EventCodec.toJson(alert))
                .chain(() -> tx.list(String.class).ltrim(KEY, 0, KEPT - 1))).replaceWithVoid();
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

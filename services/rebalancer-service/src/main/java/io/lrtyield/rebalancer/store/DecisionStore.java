package io.lrtyield.rebalancer.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.decision.Decision;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Decisions per vault, newest first ({@code rebalancer:decisions:{vault}}, capped). */
@ApplicationScoped
public class DecisionStore {

    private final ReactiveRedisDataSource redis;
    private final int kept;

    DecisionStore(ReactiveRedisDataSource redis, RebalancerConfig config) {
        this.redis = redis;
        this.kept = config.decisionsKept();
    }

    public Uni<Void> append(Decision decision) {
        String key = key(decision.vault());
        return redis.withTransaction(tx -> tx.list(String.class).lpush(key, EventCodec.toJson(decision))
                .chain(() -> tx.list(String.class).ltrim(key, 0, kept - 1))).replaceWithVoid();
    }

    public Uni<List<Decision>> newest(String vault, int limit) {
        return redis.list(String.class).lrange(key(vault), 0, limit - 1)
                .map(list -> list.stream().map(json -> EventCodec.fromJson(json, Decision.class)).toList());
    }

    private static String key(String vault) {
        return "rebalancer:decisions:" + vault;
    }
}

package io.lrtyield.rebalancer.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.risk.Incidents;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Open incidents in Redis ({@code rebalancer:incidents:{vault}}, a hash by subject), so a restart or another instance
 * keeps a venue capped until an admin acknowledges it.
 */
@ApplicationScoped
public class IncidentStore {

    private final ReactiveRedisDataSource redis;
    private final String key;

    IncidentStore(ReactiveRedisDataSource redis, RebalancerConfig config) {
        this.redis = redis;
        this.key = "rebalancer:incidents:" + config.vault();
    }

    public Uni<Void> save(Incidents.Incident incident) {
        return redis.hash(String.class).hset(key, incident.subject(), EventCodec.toJson(incident)).replaceWithVoid();
    }

    public Uni<Void> remove(String subject) {
        return redis.hash(String.class).hdel(key, subject).replaceWithVoid();
    }

    public Uni<List<Incidents.Incident>> all() {
        return redis.hash(String.class).hgetall(key)
                .map(m -> m.values().stream().map(j -> EventCodec.fromJson(j, Incidents.Incident.class)).toList());
    }
}

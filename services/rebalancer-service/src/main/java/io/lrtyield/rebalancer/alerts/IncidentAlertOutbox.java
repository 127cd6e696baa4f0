package io.lrtyield.rebalancer.alerts;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The incident alerts waiting to be published, in Redis, shared by the vault's instances: whichever instance changed an
 * incident (the one that read the alert, the one an admin called) puts its alert here, and only the decision leader
 * publishes and removes them ({@link IncidentAlertPublisher}). {@code rebalancer:incident-alert:{vault}:{eventId}} holds
 * the alert (kept a week after it was put, so the same change put again — by another instance, after a redelivery — is
 * recognised and not queued twice) and {@code rebalancer:incident-alerts-pending:{vault}} the ids not yet published; both
 * written in one script. Built at start-up, on the start-up thread: the leader's first drain runs on a timer, and the Redis
 * data source must not be created from two threads at once.
 */
@Startup
@ApplicationScoped
public class IncidentAlertOutbox {

    static final Duration REMEMBERED = Duration.ofDays(7);
    private static final String PUT = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
              redis.call('SADD', KEYS[2], ARGV[3])
              return 1
            end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final String prefix;
    private final String pending;

    IncidentAlertOutbox(ReactiveRedisDataSource redis, RebalancerConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.prefix = "rebalancer:incident-alert:" + config.vault() + ":";
        this.pending = "rebalancer:incident-alerts-pending:" + config.vault();
    }

    /** Queues the alert unless the same change (same event id) was queued before; whether it was queued now. */
    public Uni<Boolean> put(RiskAlert alert) {
        return redis.execute("EVAL", PUT, "2", prefix + alert.eventId(), pending, EventCodec.toJson(alert),
                Long.toString(REMEMBERED.toSeconds()), alert.eventId()).map(r -> r != null && r.toLong() == 1);
    }

    /** The alerts not yet published (an id whose alert expired unpublished is dropped from the queue). */
    public Uni<List<RiskAlert>> pending() {
        return sets.smembers(pending).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<RiskAlert>of())
                : values.mget(ids.stream().map(id -> prefix + id).toArray(String[]::new)).chain(found -> {
                    List<String> gone = ids.stream().filter(id -> found.get(prefix + id) == null).toList();
                    List<RiskAlert> alerts = found.values().stream().filter(Objects::nonNull)
                            .map(j -> EventCodec.fromJson(j, RiskAlert.class)).toList();
                    return gone.isEmpty() ? Uni.createFrom().item(alerts)
                            : sets.srem(pending, gone.toArray(String[]::new)).replaceWith(alerts);
                }));
    }

    /** Whether this change was queued in the last week (published or not): a change another instance made. */
    public Uni<Boolean> recorded(String eventId) {
        return redis.key().exists(prefix + eventId);
    }

    /** The alert is on the topic: off the queue (its record stays, to recognise the same change queued again). */
    public Uni<Void> published(String eventId) {
        return sets.srem(pending, eventId).replaceWithVoid();
    }
}

package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * The admin kill switch, in Redis so that every instance sees it: {@code rebalancer:paused:{vault}} holds who paused
 * and why; no key = running. While paused nothing new is signed: no plan starts executing, and a running plan stops
 * before its next signature (already signed transactions are followed to their end; the rest stay PLANNED in the
 * journal and run once the vault is resumed).
 */
@ApplicationScoped
public class KillSwitch {

    /** Who paused the vault, when and why. */
    public record Pause(String subject, long atMillis, String reason) {
    }

    private static final Duration BLOCKING_READ = Duration.ofSeconds(2);
    private final ReactiveRedisDataSource redis;
    private final String key;

    KillSwitch(ReactiveRedisDataSource redis, RebalancerConfig config) {
        this.redis = redis;
        this.key = "rebalancer:paused:" + config.vault();
    }

    public Uni<Optional<Pause>> state() {
        return redis.value(String.class).get(key).map(j -> Optional.ofNullable(j).map(v -> EventCodec.fromJson(v, Pause.class)));
    }

    public Uni<Boolean> paused() {
        return state().map(Optional::isPresent);
    }

    /**
     * Blocking read for worker threads (the executor). Fails closed: when Redis does not answer, the vault counts as
     * paused — no plan starts on a switch nobody can read.
     */
    public boolean isPaused() {
        try {
            return paused().await().atMost(BLOCKING_READ);
        } catch (RuntimeException e) {
            return true;
        }
    }

    public Uni<Void> pause(Pause pause) {
        return redis.value(String.class).set(key, EventCodec.toJson(pause));
    }

    public Uni<Void> resume() {
        return redis.key().del(key).replaceWithVoid();
    }
}

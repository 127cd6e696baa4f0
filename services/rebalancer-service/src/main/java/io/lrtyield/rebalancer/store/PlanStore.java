package io.lrtyield.rebalancer.store;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans per vault in Redis: {@code rebalancer:plan:{vault}:{id}} (the stored plan, JSON),
 * {@code rebalancer:plans:{vault}} (ids, newest first, capped), {@code rebalancer:plan-open:{vault}} (the plan not yet
 * DONE/FAILED/REJECTED/EXPIRED: one at a time) and {@code rebalancer:last-plan-at:{vault}} (block time of the last plan that
 * went EXECUTING: the cooldown survives a restart, and a proposal that expired or was rejected does not start it). Writes of one
 * plan go in one MULTI or script.
 */
@ApplicationScoped
public class PlanStore {

    private static final Set<String> TERMINAL = Set.of(PlanLifecycle.DONE, PlanLifecycle.FAILED, PlanLifecycle.REJECTED,
            PlanLifecycle.EXPIRED);
    private static final String PROPOSE = """
            if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('LPUSH', KEYS[2], ARGV[2])
            redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
            redis.call('SET', KEYS[3], ARGV[2])
            return 1""";
    private final ReactiveRedisDataSource redis;
    private final int kept;

    PlanStore(ReactiveRedisDataSource redis, RebalancerConfig config) {
        this.redis = redis;
        this.kept = config.decisionsKept();
    }

    /**
     * Stores a new plan as the vault's open plan, unless one is open already (another instance proposed during a lease
     * hand-over): check and writes in one script. Whether it was stored.
     */
    public Uni<Boolean> propose(StoredPlan stored) {
        RebalancePlan p = stored.plan();
        return redis.execute("EVAL", PROPOSE, "3", planKey(p.vault(), p.planId()), listKey(p.vault()), openKey(p.vault()),
                EventCodec.toJson(stored), p.planId(), Integer.toString(kept)).map(r -> r != null && r.toLong() == 1);
    }

    /** Moves a plan to {@code status}; fails with IllegalStateException when the lifecycle does not allow it. */
    public Uni<StoredPlan> transition(String vault, String planId, String status, String reason) {
        return get(vault, planId).chain(found -> {
            StoredPlan current = found.orElseThrow(() -> new java.util.NoSuchElementException("no plan " + planId));
            RebalancePlan next = PlanLifecycle.transition(current.plan(), status, reason);
            List<String> history = new ArrayList<>(current.history());
            history.add(status + (reason == null ? "" : ": " + reason));
            StoredPlan updated = new StoredPlan(next, current.steps(), current.skipped(), history);
            return redis.withTransaction(tx -> {
                Uni<Void> write = tx.value(String.class).set(planKey(vault, planId), EventCodec.toJson(updated));
                if (PlanLifecycle.EXECUTING.equals(status)) {
                    // the cooldown runs from the plan that moved the vault: an expired or rejected proposal does not hold it
                    write = write.chain(() -> tx.value(String.class).set(lastKey(vault), String.valueOf(next.provenance().blockTimestamp())))
                            .replaceWithVoid();
                }
                return TERMINAL.contains(status) ? write.chain(() -> tx.key().del(openKey(vault))).replaceWithVoid() : write;
            }).replaceWith(updated);
        });
    }

    public Uni<Optional<StoredPlan>> get(String vault, String planId) {
        return redis.value(String.class).get(planKey(vault, planId))
                .map(json -> Optional.ofNullable(json).map(j -> EventCodec.fromJson(j, StoredPlan.class)));
    }

    public Uni<List<StoredPlan>> newest(String vault, int limit) {
        return redis.list(String.class).lrange(listKey(vault), 0, limit - 1).chain(ids -> ids.isEmpty()
                ? Uni.createFrom().item(List.<StoredPlan>of()) : redis.value(String.class)
                .mget(ids.stream().map(id -> planKey(vault, id)).toArray(String[]::new))
                .map(m -> ids.stream().map(id -> m.get(planKey(vault, id))).filter(java.util.Objects::nonNull)
                        .map(j -> EventCodec.fromJson(j, StoredPlan.class)).toList()));
    }

    public Uni<Optional<String>> openPlan(String vault) {
        return redis.value(String.class).get(openKey(vault)).map(Optional::ofNullable);
    }

    /** Block time of the last proposed plan, or Long.MIN_VALUE. */
    public Uni<Long> lastPlanAt(String vault) {
        return redis.value(String.class).get(lastKey(vault)).map(v -> v == null ? Long.MIN_VALUE : Long.parseLong(v));
    }

    private static String planKey(String vault, String id) {
        return "rebalancer:plan:" + vault + ":" + id;
    }

    private static String listKey(String vault) {
        return "rebalancer:plans:" + vault;
    }

    private static String openKey(String vault) {
        return "rebalancer:plan-open:" + vault;
    }

    private static String lastKey(String vault) {
        return "rebalancer:last-plan-at:" + vault;
    }
}

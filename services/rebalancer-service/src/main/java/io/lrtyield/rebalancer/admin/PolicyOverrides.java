package io.lrtyield.rebalancer.admin;

import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.pipeline.StrategyConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The plan policy settings an admin may change at run time — approval mode, minimum gain, cost margin — as overrides
 * of {@code rebalancer.strategy.*} in the Redis hash {@code rebalancer:policy:{vault}}. {@link #effective()} is the
 * configuration with the overrides applied.
 */
@ApplicationScoped
public class PolicyOverrides {

    /** The effective plan policy; in a PUT, null fields are left as they are. */
    public record Policy(String approval, BigDecimal minGainEth, Double costMargin) {

        /** Null when valid, else why not. */
        public String invalid() {
            if (approval != null && !approval.equalsIgnoreCase("auto") && !approval.equalsIgnoreCase("manual")) {
                return "approval must be auto or manual, not '" + approval + "'";
            }
            if (minGainEth != null && minGainEth.signum() < 0) {
                return "minGainEth must be >= 0";
            }
            if (costMargin != null && (costMargin.isNaN() || costMargin < 0)) {
                return "costMargin must be >= 0";
            }
            return null;
        }
    }

    private static final String APPROVAL = "approval";
    private static final String MIN_GAIN = "min-gain-eth";
    private static final String COST_MARGIN = "cost-margin";

    private final ReactiveRedisDataSource redis;
    private final StrategyConfig strategy;
    private final String key;

    PolicyOverrides(ReactiveRedisDataSource redis, StrategyConfig strategy, RebalancerConfig config) {
        this.redis = redis;
        this.strategy = strategy;
        this.key = "rebalancer:policy:" + config.vault();
    }

    public Uni<Policy> effective() {
        return redis.hash(String.class).hgetall(key).map(this::merge);
    }

    /** Applies the non-null fields of {@code change}; the caller validated it. */
    public Uni<Policy> update(Policy change) {
        Map<String, String> fields = new HashMap<>();
        if (change.approval() != null) {
            fields.put(APPROVAL, change.approval().toLowerCase(Locale.ROOT));
        }
        if (change.minGainEth() != null) {
            fields.put(MIN_GAIN, change.minGainEth().toPlainString());
        }
        if (change.costMargin() != null) {
            fields.put(COST_MARGIN, change.costMargin().toString());
        }
        return (fields.isEmpty() ? Uni.createFrom().voidItem() : redis.hash(String.class).hset(key, fields).replaceWithVoid())
                .chain(this::effective);
    }

    Policy merge(Map<String, String> o) {
        return new Policy(o.getOrDefault(APPROVAL, strategy.approval().toLowerCase(Locale.ROOT)),
                o.containsKey(MIN_GAIN) ? new BigDecimal(o.get(MIN_GAIN)) : strategy.minGainEth(),
                o.containsKey(COST_MARGIN) ? Double.valueOf(o.get(COST_MARGIN)) : strategy.costMargin());
    }
}

package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.ExecutionEvent;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.Topics;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The admin audit trail: every admin action, allowed or refused by the lifecycle, is pushed onto the capped Redis list
 * {@code audit:admin} (newest first) — the record — and then published on {@code executions.v1} as an
 * {@link ExecutionEvent#ADMIN} event keyed by vault. A failed publish is logged and does not undo the action.
 */
@ApplicationScoped
public class AdminAudit {

    public static final String KEY = "audit:admin";
    private static final Logger LOG = Logger.getLogger(AdminAudit.class);

    private final ReactiveRedisDataSource redis;
    private final MutinyEmitter<Record<String, ExecutionEvent>> events;
    private final String vault;
    private final AdminConfig config;

    AdminAudit(ReactiveRedisDataSource redis, RebalancerConfig rebalancer, AdminConfig config,
               @Channel(Topics.EXECUTIONS_CHANNEL) MutinyEmitter<Record<String, ExecutionEvent>> events) {
        this.redis = redis;
        this.vault = rebalancer.vault();
        this.config = config;
        this.events = events;
    }

    public Uni<Void> record(AuditEntry entry) {
        return redis.withTransaction(tx -> tx.list(String.class).lpush(KEY, EventCodec.toJson(entry))
                        .chain(() -> tx.list(String.class).ltrim(KEY, 0, config.auditKept() - 1)))
                .replaceWithVoid()
                .call(() -> events.send(Record.of(vault, event(vault, entry)))
                        .ifNoItem().after(config.auditPublishTimeout()).fail()
                        .onFailure().invoke(e -> LOG.warnf("admin audit event %s %s not published: %s", entry.action(), entry.target(), String.valueOf(e)))
                        .onFailure().recoverWithNull());
    }

    /** Newest first. */
    public Uni<List<AuditEntry>> newest(int limit) {
        return redis.list(String.class).lrange(KEY, 0, limit - 1)
                .map(list -> list.stream().map(j -> EventCodec.fromJson(j, AuditEntry.class)).toList());
    }

    static ExecutionEvent event(String vault, AuditEntry entry) {
        return ExecutionEvent.admin(vault, new ExecutionEvent.AdminAction(entry.subject(), entry.action(), entry.target(),
                entry.outcome(), entry.atMillis()), entry.detail(), new Provenance(0, 0, null, 0));
    }
}

package io.lrtyield.rebalancer.alerts;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.lease.DecisionLeader;
import io.lrtyield.rebalancer.pipeline.SnapshotPipeline;
import io.lrtyield.rebalancer.risk.IncidentAlerts;
import io.lrtyield.rebalancer.risk.Incidents;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Announces each state change of an incident on {@code risk-alerts.v1} ({@link IncidentAlerts}), exactly once: the
 * instance where the change happened queues the alert in the shared {@link IncidentAlertOutbox} (the same change queued
 * twice is one entry), and only the decision leader ({@link DecisionLeader}) publishes the queue — at once when it queued
 * the change itself, else within {@code rebalancer.incident-alert-interval} — and takes each alert off it once Kafka has
 * it. A standby never publishes; a leader that dies between the send and the removal leaves the alert to its successor,
 * which sends the same event id again (consumers dedupe by it).
 */
@ApplicationScoped
public class IncidentAlertPublisher {

    private static final Logger LOG = Logger.getLogger(IncidentAlertPublisher.class);
    private static final List<String> ORDER = List.of(IncidentAlerts.VENUE_CAPPED, IncidentAlerts.INCIDENT_HELD, IncidentAlerts.INCIDENT_ACKNOWLEDGED);

    private final IncidentAlertOutbox outbox;
    private final MutinyEmitter<Record<String, RiskAlert>> emitter;
    private final DecisionLeader leader;
    private final ChainHeads heads;
    private final Instance<SnapshotPipeline> pipeline;
    private final RebalancerConfig config;
    private final Vertx vertx;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    IncidentAlertPublisher(IncidentAlertOutbox outbox, @Channel(Topics.RISK_ALERTS_OUT_CHANNEL) MutinyEmitter<Record<String, RiskAlert>> emitter,
                           DecisionLeader leader, ChainHeads heads, Instance<SnapshotPipeline> pipeline, RebalancerConfig config, Vertx vertx) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.leader = leader;
        this.heads = heads;
        this.pipeline = pipeline;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(config.incidentAlertInterval().toMillis(), id -> publishPending());
    }

    /** The incident opened at its alert's block: its venues are capped to 0. */
    public Uni<Void> opened(Incidents.Incident incident) {
        return announce(IncidentAlerts.Change.OPENED, incident, null, null, opening(incident));
    }

    /** An admin held the positions on it. */
    public Uni<Void> held(Incidents.Incident incident, String by, String reason) {
        return announce(IncidentAlerts.Change.HELD, incident, by, reason, now(incident));
    }

    /** An admin acknowledged (closed) it. */
    public Uni<Void> acknowledged(Incidents.Incident incident, String by, String reason) {
        return announce(IncidentAlerts.Change.ACKNOWLEDGED, incident, by, reason, now(incident));
    }

    private Uni<Void> announce(IncidentAlerts.Change change, Incidents.Incident incident, String by, String reason, Provenance at) {
        RiskAlert alert = IncidentAlerts.of(change, incident, config.vault(), pipeline.get().venuesOn(incident.subject()), by, reason, at);
        return outbox.put(alert).invoke(queued -> {
            if (!queued) {
                LOG.debugf("%s on %s was queued before (event %s)", alert.kind(), alert.subject(), alert.eventId());
            }
            publishPending();
        }).replaceWithVoid();
    }

    /** On the leader: publishes what the outbox holds, oldest block first, one drain at a time (a request meanwhile runs another). */
    void publishPending() {
        if (!leader.leads()) {
            return;
        }
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe().with(n -> {
            draining.set(false);
            if (n > 0) {
                LOG.infof("published %d incident alert(s) on %s", n, Topics.RISK_ALERTS);
            }
            if (again.get()) {
                publishPending();
            }
        }, e -> {
            draining.set(false);
            LOG.warnf("incident alerts not published yet (kept in the outbox): %s", e.getMessage());
        });
    }

    Uni<Integer> drain() {
        return outbox.pending().chain(alerts -> Multi.createFrom().iterable(alerts.stream()
                        .sorted(Comparator.comparingLong((RiskAlert a) -> a.provenance().blockNumber()).thenComparing(a -> ORDER.indexOf(a.kind())))
                        .toList())
                // stops at once when the lease is lost mid-drain: the new leader publishes the rest
                .select().where(a -> leader.leads())
                .onItem().transformToUniAndConcatenate(a -> emitter.send(Record.of(a.subject(), a)).chain(() -> outbox.published(a.eventId()))
                        .replaceWith(1))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)));
    }

    /** Whether the incident was acknowledged already, through any instance (its acknowledgement is recorded in the outbox). */
    public Uni<Boolean> wasAcknowledged(Incidents.Incident incident) {
        return outbox.recorded(IncidentAlerts.idFor(config.vault(), incident, IncidentAlerts.Change.ACKNOWLEDGED, chainIdOf(incident)));
    }

    private long chainIdOf(Incidents.Incident i) {
        return i.provenance() != null ? i.provenance().chainId() : pipeline.get().chainId().orElse(0);
    }

    private static Provenance opening(Incidents.Incident i) {
        return i.provenance() != null ? i.provenance() : new Provenance(0, i.blockNumber(), null, 0);
    }

    /** An admin's change happens at the latest head this instance has seen (the opening block before any). */
    private Provenance now(Incidents.Incident i) {
        BlockHead head = heads.last();
        long chainId = chainIdOf(i);
        if (head == null) {
            Provenance o = opening(i);
            return new Provenance(chainId, o.blockNumber(), o.blockHash(), o.blockTimestamp());
        }
        return new Provenance(chainId, head.number(), head.hash(), head.timestamp());
    }
}

package io.lrtyield.rebalancer.alerts;

import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import io.lrtyield.rebalancer.risk.Incidents;
import io.lrtyield.rebalancer.store.IncidentStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps this instance's open incidents in step with what admins did through the vault's other instances (each instance
 * serves the admin API; each holds the incidents in memory). Every {@code rebalancer.incident-alert-interval}, for each
 * incident open here: stored in Redis as held → held here; not stored as this incident and its acknowledgement recorded
 * in the {@link IncidentAlertOutbox} → closed here. So the leader stops capping a venue acknowledged through a standby, and
 * a standby that takes over does not cap it again.
 */
@ApplicationScoped
public class IncidentSync {

    private static final Logger LOG = Logger.getLogger(IncidentSync.class);

    private final MarketCache cache;
    private final IncidentStore store;
    private final IncidentAlertPublisher alerts;
    private final RebalancerConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    IncidentSync(MarketCache cache, IncidentStore store, IncidentAlertPublisher alerts, RebalancerConfig config, Vertx vertx) {
        this.cache = cache;
        this.store = store;
        this.alerts = alerts;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(config.incidentAlertInterval().toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                sync().subscribe().with(n -> running.set(false), e -> {
                    running.set(false);
                    LOG.warnf("open incidents not compared with the other instances' changes: %s", e.getMessage());
                });
            }
        });
    }

    /** How many incidents changed here. */
    Uni<Integer> sync() {
        Incidents incidents = cache.alerts().incidents();
        Map<String, Incidents.Incident> open = incidents.open();
        if (open.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return store.all().chain(all -> {
            Map<String, Incidents.Incident> stored = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.forEach(i -> stored.put(i.subject(), i));
            return Multi.createFrom().iterable(open.values()).onItem().transformToUniAndConcatenate(here -> {
                Incidents.Incident there = stored.get(here.subject());
                if (there != null && there.eventId().equals(here.eventId())) {
                    boolean held = there.hold() && incidents.changedElsewhere(here.subject(), here.eventId(), false, there.heldBy());
                    log(held, "held by " + there.heldBy(), here);
                    return Uni.createFrom().item(held ? 1 : 0);
                }
                // not stored as this incident: acknowledged elsewhere — or being stored right now, which its record tells apart
                return alerts.wasAcknowledged(here).map(closed -> {
                    boolean changed = closed && incidents.changedElsewhere(here.subject(), here.eventId(), true, null);
                    log(changed, "acknowledged", here);
                    return changed ? 1 : 0;
                });
            }).collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
        });
    }

    private static void log(boolean changed, String what, Incidents.Incident i) {
        if (changed) {
            LOG.infof("incident on %s (%s at block %d) %s through another instance", i.subject(), i.kind(), i.blockNumber(), what);
        }
    }
}

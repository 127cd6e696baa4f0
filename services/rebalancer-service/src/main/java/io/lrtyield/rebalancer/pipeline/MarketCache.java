package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.risk.StressRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest prices, quotes and alerts from Kafka, and the latest snapshot's portfolio, stress table and decision. */
@ApplicationScoped
public class MarketCache {

    private final Map<String, PriceTick> prices = new ConcurrentHashMap<>();
    /** The block every asset's ticks have reached. */
    private final io.lrtyield.common.runtime.BlockWatermark priced = new io.lrtyield.common.runtime.BlockWatermark();
    private final Map<String, YieldQuote> quotes = new ConcurrentHashMap<>();
    private final AlertBook alerts;
    private volatile Portfolio portfolio;
    private volatile List<StressRow> stress = List.of();
    private volatile PolicyOutcome outcome;

    private final io.lrtyield.rebalancer.store.IncidentStore incidentStore;
    private final io.lrtyield.rebalancer.alerts.IncidentAlertPublisher incidentAlerts;

    MarketCache(StrategyConfig config, io.lrtyield.rebalancer.store.IncidentStore incidentStore,
                io.lrtyield.rebalancer.alerts.IncidentAlertPublisher incidentAlerts) {
        this.alerts = new AlertBook(config.alertWindow().toSeconds(),
                new io.lrtyield.rebalancer.risk.Incidents(config.incidentMinRateDecreaseBps()));
        this.incidentStore = incidentStore;
        this.incidentAlerts = incidentAlerts;
    }

    /** The incidents kept in Redis before a restart are open again (a venue stays capped until acknowledged). */
    void restoreIncidents(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        incidentStore.all().subscribe().with(alerts.incidents()::restore,
                e -> org.jboss.logging.Logger.getLogger(MarketCache.class).warnf("open incidents not restored: %s", e.getMessage()));
    }

    public void onPrice(PriceTick tick) {
        prices.merge(tick.asset(), tick, (old, now) -> old.provenance().blockTimestamp() <= now.provenance().blockTimestamp() ? now : old);
        priced.advance(tick.asset(), tick.provenance().blockNumber());
    }

    /**
     * Completes once every asset's latest tick is of {@code block} or later, or after {@code max} (the price service may
     * be slow, stopped or catching up: the decision then goes on with the prices it has, their age judged as always).
     */
    public io.smallrye.mutiny.Uni<Void> pricesOf(long block, java.time.Duration max) {
        return priced.reach(block, max);
    }

    public void onQuote(YieldQuote q) {
        quotes.merge(q.venueId(), q, (old, now) -> old.provenance().blockTimestamp() <= now.provenance().blockTimestamp() ? now : old);
    }

    /**
     * Books the alert; an incident it opens is announced (VENUE_CAPPED, queued for the leader to publish) and stored, both
     * awaited, before the alert counts as handled. Announced first: should the store fail, the redelivered alert opens it
     * again and the same announcement is recognised, not queued twice. An alert read again after its incident was
     * acknowledged (a new instance reads the topic from its start) opens nothing.
     */
    public io.smallrye.mutiny.Uni<Void> onAlert(RiskAlert alert) {
        var log = org.jboss.logging.Logger.getLogger(MarketCache.class);
        return alerts.onAlert(alert).map(incident -> incidentAlerts.wasAcknowledged(incident).chain(acknowledged -> {
            if (acknowledged) {
                alerts.incidents().changedElsewhere(incident.subject(), incident.eventId(), true, null);
                log.infof("%s on %s at block %d: its incident was acknowledged already", incident.kind(), incident.subject(), incident.blockNumber());
                return io.smallrye.mutiny.Uni.createFrom().voidItem();
            }
            log.warnf("incident on %s: %s %s — its venues are capped to 0 until an admin acknowledges it", incident.subject(),
                    incident.severity(), incident.kind());
            return incidentAlerts.opened(incident).chain(() -> incidentStore.save(incident));
        })).orElseGet(() -> io.smallrye.mutiny.Uni.createFrom().voidItem());
    }

    public Map<String, PriceTick> prices() {
        return Map.copyOf(prices);
    }

    public Map<String, YieldQuote> quotes() {
        return Map.copyOf(quotes);
    }

    public AlertBook alerts() {
        return alerts;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    public List<StressRow> stress() {
        return stress;
    }

    public PolicyOutcome outcome() {
        return outcome;
    }

    void snapshot(Portfolio p, List<StressRow> rows, PolicyOutcome o) {
        this.portfolio = p;
        this.stress = List.copyOf(rows);
        this.outcome = o;
    }
}

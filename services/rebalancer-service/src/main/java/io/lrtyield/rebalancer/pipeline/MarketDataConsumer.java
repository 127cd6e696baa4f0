package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.decision.DecisionEngine;
import io.lrtyield.rebalancer.store.DecisionStore;
import io.lrtyield.rebalancer.wiring.MarketCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * prices.v1 feeds the circuit breaker; yields.v1 → decision → Redis; both, and risk-alerts.v1, also feed the market
 * state the per-block strategy decides on. Redelivered quotes are skipped (price updates
 * are idempotent); poison messages go to the channel's dead-letter topic, bytes intact.
 */
@ApplicationScoped
public class MarketDataConsumer {

    private static final Logger LOG = Logger.getLogger(MarketDataConsumer.class);

    private final DecisionEngine engine;
    private final DecisionStore store;
    private final MarketCache cache;

    MarketDataConsumer(RebalancerConfig config, DecisionStore store, MarketCache cache) {
        this.engine = new DecisionEngine(config.vault(), config.currentVenue(), config.idleVenue(), config.minGainBps());
        this.store = store;
        this.cache = cache;
    }

    @Incoming(Topics.RISK_ALERTS_CHANNEL)
    public Uni<Void> onAlert(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, RiskAlert.class, RiskAlert.SCHEMA_VERSION))
                .invoke(cache::onAlert)
                .replaceWithVoid();
    }

    @Incoming(Topics.PRICES_CHANNEL)
    public Uni<Void> onPrice(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, PriceTick.class, PriceTick.SCHEMA_VERSION))
                .invoke(engine::onPrice)
                .invoke(cache::onPrice)
                .replaceWithVoid();
    }

    @Incoming(Topics.YIELDS_CHANNEL)
    public Uni<Void> onQuote(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, YieldQuote.class, YieldQuote.SCHEMA_VERSION))
                .invoke(cache::onQuote)
                .chain(quote -> store.firstSight(quote.eventId()).chain(first -> {
                    if (!first) {
                        return Uni.createFrom().voidItem();
                    }
                    var decision = engine.onQuote(quote, System.currentTimeMillis());
                    LOG.debugf("%s on %s: %s", decision.action(), quote.venueId(), decision.reason());
                    return store.append(decision);
                }));
    }
}

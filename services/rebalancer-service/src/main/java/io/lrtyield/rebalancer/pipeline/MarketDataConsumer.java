package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.event.YieldQuote;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * prices.v1, yields.v1 and risk-alerts.v1 feed the market state the per-block strategy decides on
 * ({@link io.lrtyield.rebalancer.pipeline.SnapshotPipeline}: one decision per block, the only one stored). Updates are
 * idempotent (latest per asset / venue); poison messages go to the channel's dead-letter topic, bytes intact.
 */
@ApplicationScoped
public class MarketDataConsumer {

    private final MarketCache cache;

    MarketDataConsumer(MarketCache cache) {
        this.cache = cache;
    }

    @Incoming(Topics.RISK_ALERTS_CHANNEL)
    public Uni<Void> onAlert(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, RiskAlert.class, RiskAlert.SCHEMA_VERSION))
                .chain(cache::onAlert);
    }

    @Incoming(Topics.PRICES_CHANNEL)
    public Uni<Void> onPrice(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, PriceTick.class, PriceTick.SCHEMA_VERSION))
                .invoke(cache::onPrice)
                .replaceWithVoid();
    }

    @Incoming(Topics.YIELDS_CHANNEL)
    public Uni<Void> onQuote(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, YieldQuote.class, YieldQuote.SCHEMA_VERSION))
                .invoke(cache::onQuote)
                .replaceWithVoid();
    }
}

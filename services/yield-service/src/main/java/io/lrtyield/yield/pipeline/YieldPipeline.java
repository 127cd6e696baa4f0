package io.lrtyield.yield.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.LatencyTimers;
import io.lrtyield.yield.YieldConfig;
import io.lrtyield.yield.store.QuoteStore;
import io.lrtyield.yield.store.RateHistoryStore;
import io.lrtyield.yield.model.MarketState;
import io.lrtyield.yield.model.StablePool;
import io.lrtyield.yield.model.StakingExtras;
import io.lrtyield.yield.model.SlashingRisk;
import io.lrtyield.yield.model.StakingYieldModel;
import io.lrtyield.yield.model.VenueQuoter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * prices.v1 → rate history → a quote per venue of the asset → yields.v1 (awaited) and Redis. A restaking token's quote
 * takes off the expected slashing loss of the exposure its tick carries ({@link SlashingRisk}). Ticks without a
 * fundamental rate, and ticks already seen (at-least-once redelivery), are skipped. A message that fails to
 * decode is nacked and the channel's dead-letter strategy takes it, original bytes intact.
 */
@ApplicationScoped
public class YieldPipeline {

    private static final Set<VenueKind> RATE_ACCRUING = EnumSet.of(VenueKind.NATIVE_STAKING, VenueKind.RESTAKING_TOKEN);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(YieldPipeline.class);
    private static final java.time.Duration RETRY_FIRST_BACKOFF = java.time.Duration.ofMillis(250);
    private static final java.time.Duration RETRY_MAX_BACKOFF = java.time.Duration.ofSeconds(5);
    /** About two minutes of tries (longer than a broker's delivery timeout), then the dead-letter topic. */
    private static final int RETRY_ATTEMPTS = 30;

    private final CatalogueProvider catalogues;
    private final RateHistoryStore history;
    private final QuoteStore quotes;
    private final YieldConfig config;
    private final MutinyEmitter<Record<String, YieldQuote>> emitter;
    private final PublishPolicy policy;
    private final StakingYieldModel staking;
    private final SlashingRisk slashing;
    private final LatestMarketState market;
    private final Timer tickToQuote;
    /** Where a tick's latency goes: history (Redis: seen, add, window), quote (the models), redis and kafka (publish). */
    private final LatencyTimers.Stages stages;
    /** Fed through {@link #emit} only: a tick's venues are published concurrently, the market quotes from another thread. */
    private final BroadcastProcessor<YieldQuote> published = BroadcastProcessor.create();
    /** The block every asset's ticks have been quoted through. */
    private final io.lrtyield.common.runtime.BlockWatermark ticked = new io.lrtyield.common.runtime.BlockWatermark();
    /** The latest exposure of each of the vault's EigenLayer positions, by venue id, from the price ticks. */
    private final Map<String, io.lrtyield.common.event.RestakingExposure> positions = new java.util.concurrent.ConcurrentHashMap<>();
    /** ETH/USD implied by the latest price tick with a market price (for the USD figures of /pools); null before one. */
    private volatile BigDecimal ethUsd;

    YieldPipeline(CatalogueProvider catalogues, RateHistoryStore history, QuoteStore quotes, YieldConfig config,
                  @Channel(Topics.YIELDS_CHANNEL) MutinyEmitter<Record<String, YieldQuote>> emitter, LatestMarketState market,
                  MeterRegistry meters) {
        this.market = market;
        this.tickToQuote = LatencyTimers.register(meters, "yield.publish.latency",
                "price tick received → its venues' quotes stored and acknowledged by Kafka", 250);
        this.stages = LatencyTimers.stages(meters, "yield.stage.latency", "one stage of a tick's quotes", 250,
                "history", "quote", "redis", "kafka");
        this.catalogues = catalogues;
        this.history = history;
        this.quotes = quotes;
        this.config = config;
        this.emitter = emitter;
        this.policy = new PublishPolicy(config.publishMinChangeBps(), config.publishEveryBlocks());
        this.staking = new StakingYieldModel(config.maxPlausibleApr(), config.jumpFactor());
        var s = config.slashing();
        this.slashing = new SlashingRisk(SlashingRisk.parameters(new SlashingRisk.AvsRisk(s.defaultProbability(), s.defaultProbabilityLow(),
                s.defaultProbabilityHigh(), s.defaultSeverity(), "yield.slashing.default-*"), s.avs()));
    }

    @Incoming(Topics.PRICES_CHANNEL)
    public Uni<Void> onPrice(byte[] payload) {
        Runnable acknowledged = acknowledgedOnce(System.nanoTime());
        return Uni.createFrom().item(() -> EventCodec.decode(payload, PriceTick.class, PriceTick.SCHEMA_VERSION))
                // a store or broker that fails (a restart, a pause) holds the channel and the tick is tried again, in
                // order; dead-lettering it would leave its block without a quote for good. Undecodable bytes are not retried.
                .chain(tick -> Uni.createFrom().deferred(() -> onPrice(tick, acknowledged))
                        .onFailure().invoke(e -> LOG.warnf("tick %s not quoted yet (tried again): %s", tick.eventId(), e.getMessage()))
                        .onFailure().retry().withBackOff(RETRY_FIRST_BACKOFF, RETRY_MAX_BACKOFF).atMost(RETRY_ATTEMPTS)
                        .invoke(() -> ticked.advance(tick.asset(), tick.provenance().blockNumber())));
    }

    Uni<Void> onPrice(PriceTick tick) {
        return onPrice(tick, acknowledgedOnce(System.nanoTime()));
    }

    /** Records the tick's latency once, even when a retry of its processing reaches the acknowledgement again. */
    private Runnable acknowledgedOnce(long received) {
        java.util.concurrent.atomic.AtomicBoolean recorded = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (recorded.compareAndSet(false, true)) {
                tickToQuote.record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
            }
        };
    }

    /**
     * The tick's quotes, then the tick marked processed; {@code yield_publish_latency_seconds} ends when its quotes are
     * acknowledged (what consumers wait for), before that marker's write.
     */
    private Uni<Void> onPrice(PriceTick tick, Runnable acknowledged) {
        if (!tick.backfilled()) {
            // the market venues' quotes (EigenLayer) take the latest; a tick of a past block must not replace it
            positions.putAll(tick.positions());
        }
        if (tick.priceUsd() != null && tick.marketPriceEth() != null && tick.marketPriceEth().signum() > 0) {
            ethUsd = tick.priceUsd().divide(tick.marketPriceEth(), MathContext.DECIMAL64);
        }
        if (tick.fundamentalRate() == null) {
            acknowledged.run();
            return Uni.createFrom().voidItem();
        }
        long start = System.nanoTime();
        return catalogues.catalogue().chain(catalogue -> {
            var source = catalogue.asset(tick.asset()).map(a -> a.fundamentalRate()).orElse(null);
            if (source == null || !sameContract(tick, source.contract())) {
                acknowledged.run();
                return Uni.createFrom().voidItem();
            }
            String series = RateHistoryStore.seriesOf(catalogue.chainId(), source);
            RatePoint point = new RatePoint(tick.provenance().blockNumber(), tick.provenance().blockTimestamp(), tick.fundamentalRate());
            // one round trip: skipped if already processed (a redelivery), else the point added and the windows read
            return history.addAndWindow(series, point, tick.eventId()).chain(window -> window.seen()
                    ? Uni.createFrom().voidItem().invoke(acknowledged)
                    : quoteVenues(catalogue, tick, window, start).invoke(acknowledged).chain(() -> history.processed(tick.eventId())));
        });
    }

    /**
     * The tick's rate was read from the contract this catalogue names (a tick of an earlier devnet deployment, still
     * on the topic, must not extend this deployment's rate history). Ticks that do not state it are accepted.
     */
    private static boolean sameContract(PriceTick tick, String catalogueContract) {
        return tick.sources().stream().filter(s -> "FUNDAMENTAL".equals(s.kind()) && s.contract() != null).findFirst()
                .map(s -> s.contract().equalsIgnoreCase(catalogueContract)).orElse(true);
    }

    /**
     * Completes once every asset's ticks of {@code block} (or later) are quoted, or after {@code max}: the market venues
     * quote a head on the staking APYs of the same block.
     */
    public Uni<Void> ticksOf(long block, java.time.Duration max) {
        return ticked.reach(block, max);
    }

    /** The latest exposure of the vault's position in {@code venueId} (an EigenLayer deposit), null before a tick carried one. */
    public io.lrtyield.common.event.RestakingExposure positionExposure(String venueId) {
        return positions.get(venueId);
    }

    /** The slashing parameters of every quote (restaking tokens and the vault's EigenLayer positions). */
    public SlashingRisk slashing() {
        return slashing;
    }

    public BigDecimal ethUsd() {
        return ethUsd;
    }

    /** Quotes as they are published (SSE). */
    public Multi<YieldQuote> published() {
        return published;
    }

    private Uni<Void> quoteVenues(Catalogue catalogue, PriceTick tick, RateHistoryStore.Window window, long historyStart) {
        stages.record("history", historyStart);
        List<Venue> venues = catalogue.venuesOf(tick.asset()).stream().filter(v -> RATE_ACCRUING.contains(v.venueKind())).toList();
        List<RatePoint> points = window.points();
        if (venues.isEmpty() || points.size() < 2) {
            return Uni.createFrom().voidItem();
        }
        int samples = (int) window.samples();
        // the venues at once (each its own Kafka key and Redis key, one quote each per tick): a tick's latency is its
        // slowest venue's, not the sum of their round trips
        return Uni.join().all(venues.stream().map(venue -> quote(catalogue, venue, points, samples, tick)).toList())
                .andFailFast().replaceWithVoid();
    }

    private Uni<Void> quote(Catalogue catalogue, Venue venue, List<RatePoint> points, int samples, PriceTick tick) {
        StakingYieldModel.Result r = staking.evaluate(venue, points, config.sizeCurveEth());
        Uni<BigDecimal> premiumOver = venue.param("premiumOver")
                .map(lst -> quotes.latest(catalogue.venuesOf(lst).stream().filter(v -> RATE_ACCRUING.contains(v.venueKind()))
                        .map(Venue::id).toList()).map(list -> list.isEmpty() ? null : list.get(0).netApy()))
                .orElse(Uni.createFrom().nullItem());
        return premiumOver.chain(lstApy -> {
            long start = System.nanoTime();
            StakingExtras.Extended x = StakingExtras.extend(venue, r, exitPool(catalogue, venue), config.horizonDays(), lstApy,
                    config.queueRiskPremium());
            BigDecimal net = r.netApy();
            var components = x.components();
            var curve = x.sizeCurve();
            var risk = x.risk();
            List<String> flags = flags(x.flags(), tick);
            if (tick.exposure() != null && venue.venueKind() == VenueKind.RESTAKING_TOKEN) {
                SlashingRisk.Adjusted adjusted = SlashingRisk.adjust(net, components, curve, risk, tick.exposure(),
                        slashing.assess(tick.exposure()), lstApy, venue.param("premiumOver").orElse(null));
                net = adjusted.netApy();
                components = adjusted.components();
                curve = adjusted.sizeCurve();
                risk = adjusted.risk();
                if (!tick.exposure().complete()) {
                    flags = new java.util.ArrayList<>(flags);
                    flags.add("exposure-incomplete: " + String.join("; ", tick.exposure().errors()));
                }
            }
            YieldQuote quote = new YieldQuote(YieldQuote.SCHEMA_VERSION, YieldQuote.idFor(venue.id(), tick.provenance()), venue.id(),
                    venue.kind(), venue.asset(), net, r.basis(), components, r.windows(), curve, samples,
                    flags, tick.provenance(), risk);
            stages.record("quote", start);
            return publish(quote);
        });
    }

    /** A quote from a backfilled tick says so: it is the past block's true figure, not one to plan on at the head. */
    static List<String> flags(List<String> flags, PriceTick tick) {
        if (!tick.backfilled()) {
            return flags;
        }
        List<String> more = new java.util.ArrayList<>(flags);
        tick.reasons().stream().filter(r -> r.startsWith(PriceTick.BACKFILLED)).findFirst()
                .ifPresent(r -> more.add(io.lrtyield.common.event.QuoteFlag.BACKFILLED.with("price tick " + r)));
        return more;
    }

    private StablePool exitPool(Catalogue catalogue, Venue venue) {
        MarketState state = market.get();
        if (state == null || venue.param("exitPool").isEmpty()) {
            return null;
        }
        try {
            return state.pools().get(VenueQuoter.address(venue, "exitPool", catalogue.contracts()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Stores a quote as the venue's latest and, when the publish policy says it changed materially or is due, sends
     * it on yields.v1 (awaited) and to the SSE stream. The one way out for every venue kind.
     */
    public Uni<Void> publish(YieldQuote quote) {
        if (!policy.due(quote.venueId(), quote.provenance().blockNumber(), quote.netApy())) {
            return stages.timed("redis", quotes.save(quote));
        }
        return stages.timed("redis", quotes.saveWithHistory(quote)).chain(() -> stages.timed("kafka", emitter.send(Record.of(quote.venueId(), quote))))
                .invoke(() -> {
                    policy.published(quote.venueId(), quote.provenance().blockNumber(), quote.netApy());
                    emit(quote);
                });
    }

    /** One item at a time into the SSE stream (a processor's subscribers expect serial signals). */
    private synchronized void emit(YieldQuote quote) {
        published.onNext(quote);
    }
}

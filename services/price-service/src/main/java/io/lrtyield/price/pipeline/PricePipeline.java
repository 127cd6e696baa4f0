package io.lrtyield.price.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.runtime.ChainIdentity;
import io.lrtyield.common.runtime.ChainConfig;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.price.PriceConfig;
import io.lrtyield.price.aggregate.PriceAggregator;
import io.lrtyield.price.aggregate.RateGrowthCap;
import io.lrtyield.price.snapshot.FundamentalRateSnapshot;
import io.lrtyield.price.store.AlertStore;
import io.lrtyield.price.store.PriceStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per new head: one Multicall3 snapshot → ticks → Kafka (sends awaited) and Redis. When the pipeline falls behind,
 * it skips to the newest head rather than pricing old blocks late.
 */
@ApplicationScoped
public class PricePipeline {

    private static final Logger LOG = Logger.getLogger(PricePipeline.class);

    private final ChainHeads heads;
    private final ChainIdentity identity;
    private final Web3j web3j;
    private final ChainConfig chain;
    private final PriceStore store;
    private final MutinyEmitter<Record<String, PriceTick>> emitter;
    private final MutinyEmitter<Record<String, RiskAlert>> alertEmitter;
    private final AlertStore alerts;
    private final PriceConfig config;
    private final MeterRegistry meters;
    private final BroadcastProcessor<PriceTick> published = BroadcastProcessor.create();
    /** Block timestamp of each asset's latest tick: the price age gauge (wall clock minus block time). */
    private final Map<String, Long> lastTickTimestamp = new java.util.concurrent.ConcurrentHashMap<>();
    private Cancellable subscription;

    PricePipeline(ChainHeads heads, ChainIdentity identity, Web3j web3j, ChainConfig chain, PriceStore store,
                  @Channel(Topics.PRICES_CHANNEL) MutinyEmitter<Record<String, PriceTick>> emitter,
                  @Channel(Topics.RISK_ALERTS_CHANNEL) MutinyEmitter<Record<String, RiskAlert>> alertEmitter, AlertStore alerts,
                  PriceConfig config, MeterRegistry meters) {
        this.heads = heads;
        this.identity = identity;
        this.web3j = web3j;
        this.chain = chain;
        this.store = store;
        this.emitter = emitter;
        this.alertEmitter = alertEmitter;
        this.alerts = alerts;
        this.config = config;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        // only once the node is known to serve the catalogue's chain (never price the wrong contracts)
        subscription = identity.verifiedCatalogue()
                .onItem().transformToMulti(this::run)
                .subscribe().with(tick -> { }, e -> LOG.error("price pipeline stopped", e));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** Ticks as they are published (for the SSE and gRPC streams). */
    public Multi<PriceTick> published() {
        return published;
    }

    private Multi<PriceTick> run(Catalogue catalogue) {
        var snapshot = new FundamentalRateSnapshot(new Multicall3(web3j, catalogue.multicall3(), chain.multicallChunkSize()), catalogue);
        Map<String, Double> caps = new HashMap<>();
        catalogue.assets().stream().filter(a -> a.fundamentalRate() != null && a.fundamentalRate().maxAnnualGrowth() > 0)
                .forEach(a -> caps.put(a.symbol(), a.fundamentalRate().maxAnnualGrowth()));
        var aggregator = new PriceAggregator(caps, new RateGrowthCap(config.growthCapRefresh().toSeconds()));
        return heads.stream()
                .onOverflow().dropPreviousItems()
                .onItem().transformToUniAndConcatenate(head -> priceBlock(snapshot, aggregator, catalogue.chainId(), head)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("block %d not priced: %s", head.number(), e.getMessage());
                            return List.of();
                        }))
                .onItem().transformToIterable(ticks -> ticks);
    }

    private Uni<List<PriceTick>> priceBlock(FundamentalRateSnapshot snapshot, PriceAggregator aggregator, long chainId, BlockHead head) {
        long receivedAt = System.nanoTime();
        Provenance provenance = new Provenance(chainId, head.number(), head.hash(), head.timestamp());
        return snapshot.read(head.number())
                .map(readings -> aggregator.aggregate(readings, provenance))
                .call(result -> Multi.createFrom().iterable(result.alerts())
                        .onItem().transformToUniAndConcatenate(this::raise)
                        .collect().last())
                .map(PriceAggregator.Result::ticks)
                .call(ticks -> Multi.createFrom().iterable(ticks)
                        .onItem().transformToUniAndConcatenate(this::publish)
                        .collect().last())
                .invoke(ticks -> {
                    Timer.builder("price.publish.latency").description("new head → ticks published and stored")
                            .register(meters).record(System.nanoTime() - receivedAt, java.util.concurrent.TimeUnit.NANOSECONDS);
                    ticks.forEach(tick -> {
                        meters.counter("price.ticks", "asset", tick.asset(), "status", tick.status().name()).increment();
                        if (lastTickTimestamp.put(tick.asset(), tick.provenance().blockTimestamp()) == null) {
                            // registered once per asset; it reads the map on every scrape
                            meters.gauge("price.age.seconds", io.micrometer.core.instrument.Tags.of("asset", tick.asset()), lastTickTimestamp,
                                    m -> System.currentTimeMillis() / 1000.0 - m.get(tick.asset()));
                        }
                        published.onNext(tick);
                    });
                });
    }

    private Uni<Void> raise(RiskAlert alert) {
        LOG.warnf("%s %s on %s: %s", alert.severity(), alert.kind(), alert.subject(), alert.message());
        return alertEmitter.send(Record.of(alert.subject(), alert)).chain(() -> alerts.save(alert));
    }

    private Uni<Void> publish(PriceTick tick) {
        return emitter.send(Record.of(tick.asset(), tick)).chain(() -> store.save(tick));
    }
}

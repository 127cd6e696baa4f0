package io.lrtyield.price.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.ChainConfig;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.price.aggregate.PriceAggregator;
import io.lrtyield.price.snapshot.FundamentalRateSnapshot;
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

import java.util.List;

/**
 * Per new head: one Multicall3 snapshot → ticks → Kafka (sends awaited) and Redis. When the pipeline falls behind,
 * it skips to the newest head rather than pricing old blocks late.
 */
@ApplicationScoped
public class PricePipeline {

    private static final Logger LOG = Logger.getLogger(PricePipeline.class);

    private final ChainHeads heads;
    private final CatalogueProvider catalogues;
    private final Web3j web3j;
    private final ChainConfig chain;
    private final PriceStore store;
    private final MutinyEmitter<Record<String, PriceTick>> emitter;
    private final MeterRegistry meters;
    private final PriceAggregator aggregator = new PriceAggregator();
    private final BroadcastProcessor<PriceTick> published = BroadcastProcessor.create();
    private Cancellable subscription;

    PricePipeline(ChainHeads heads, CatalogueProvider catalogues, Web3j web3j, ChainConfig chain, PriceStore store,
                  @Channel(Topics.PRICES_CHANNEL) MutinyEmitter<Record<String, PriceTick>> emitter, MeterRegistry meters) {
        this.heads = heads;
        this.catalogues = catalogues;
        this.web3j = web3j;
        this.chain = chain;
        this.store = store;
        this.emitter = emitter;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        subscription = catalogues.catalogue()
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
        return heads.stream()
                .onOverflow().dropPreviousItems()
                .onItem().transformToUniAndConcatenate(head -> priceBlock(snapshot, catalogue.chainId(), head)
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("block %d not priced: %s", head.number(), e.getMessage());
                            return List.of();
                        }))
                .onItem().transformToIterable(ticks -> ticks);
    }

    private Uni<List<PriceTick>> priceBlock(FundamentalRateSnapshot snapshot, long chainId, BlockHead head) {
        long receivedAt = System.nanoTime();
        Provenance provenance = new Provenance(chainId, head.number(), head.hash(), head.timestamp());
        return snapshot.read(head.number())
                .map(readings -> aggregator.aggregate(readings, provenance))
                .call(ticks -> Multi.createFrom().iterable(ticks)
                        .onItem().transformToUniAndConcatenate(this::publish)
                        .collect().last())
                .invoke(ticks -> {
                    Timer.builder("price.publish.latency").description("new head → ticks published and stored")
                            .register(meters).record(System.nanoTime() - receivedAt, java.util.concurrent.TimeUnit.NANOSECONDS);
                    ticks.forEach(published::onNext);
                });
    }

    private Uni<Void> publish(PriceTick tick) {
        return emitter.send(Record.of(tick.asset(), tick)).chain(() -> store.save(tick));
    }
}

package io.lrtyield.price.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.BlockGap;
import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.BlockHeaders;
import io.lrtyield.common.chain.CatchUp;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.ProcessedBlock;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.runtime.ChainIdentity;
import io.lrtyield.common.runtime.ChainConfig;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.common.runtime.LatencyTimers;
import io.lrtyield.price.PriceConfig;
import io.lrtyield.price.aggregate.PriceAggregator;
import io.lrtyield.price.aggregate.RateGrowthCap;
import io.lrtyield.price.aggregate.EthUsdAggregator;
import io.lrtyield.price.snapshot.PriceSnapshot;
import io.lrtyield.price.source.CoinGeckoPriceClient;
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

import java.util.List;
import java.util.Map;

/**
 * Per new head: every block after the last one fully processed, in order, up to the head ({@link CatchUp}) — each one a
 * Multicall3 snapshot pinned to that block → ticks → Kafka (sends awaited) and Redis. Blocks priced while catching up
 * are marked {@code backfilled at block <head>} in their reasons; a failed block is retried and later ones wait behind
 * it; a block the node cannot serve, or more than {@code price.max-backfill-blocks} behind the head, is reported as a
 * gap. After a restart it resumes after the last block it fully published (kept in Redis), so no block's ticks are
 * published twice and none missed during the restart is skipped.
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
    /** Active DEPEG level per asset, read by the price_depeg_level gauge. */
    private final Map<String, Integer> depegLevels = new java.util.concurrent.ConcurrentHashMap<>();
    private final PriceConfig config;
    private final MeterRegistry meters;
    private final CoinGeckoPriceClient http;
    private final BroadcastProcessor<PriceTick> published = BroadcastProcessor.create();
    /** The running catch-up (its last block is what readiness compares with the head); null before the catalogue. */
    private volatile CatchUp catchUp;
    /** Block timestamp of each asset's latest tick: the price age gauge (wall clock minus block time). */
    private final Map<String, Long> lastTickTimestamp = new java.util.concurrent.ConcurrentHashMap<>();
    /** Latest discount per asset, for the discount gauge. */
    private final Map<String, Double> discounts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Timer publishLatency;
    private final Timer storedLatency;
    /** Where a head block's publication latency goes: read (Multicall3 + logs), aggregate, alerts, kafka, redis. */
    private final LatencyTimers.Stages stages;
    private Cancellable subscription;

    PricePipeline(ChainHeads heads, ChainIdentity identity, Web3j web3j, ChainConfig chain, PriceStore store,
                  @Channel(Topics.PRICES_CHANNEL) MutinyEmitter<Record<String, PriceTick>> emitter,
                  @Channel(Topics.RISK_ALERTS_CHANNEL) MutinyEmitter<Record<String, RiskAlert>> alertEmitter, AlertStore alerts,
                  PriceConfig config, MeterRegistry meters, CoinGeckoPriceClient http) {
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
        this.http = http;
        this.publishLatency = LatencyTimers.register(meters, "price.publish.latency",
                "new head → every tick of the block acknowledged by Kafka", 250);
        this.storedLatency = LatencyTimers.register(meters, "price.stored.latency",
                "new head → every tick acknowledged by Kafka, then stored with the resume point in Redis", 250);
        this.stages = LatencyTimers.stages(meters, "price.stage.latency", "one stage of a head block's publication", 250,
                "read", "aggregate", "alerts", "kafka", "redis");
    }

    void start(@Observes StartupEvent event) {
        // only once the node is known to serve the catalogue's chain (never price the wrong contracts)
        subscription = identity.verifiedCatalogue()
                .chain(catalogue -> resumePoint(catalogue).map(last -> Map.entry(catalogue, last)))
                .onItem().transformToMulti(start -> run(start.getKey(), start.getValue()))
                .subscribe().with(block -> { }, e -> LOG.error("price pipeline stopped", e));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** The newest block fully processed (published and stored, or reported as a gap); null before the first. */
    public Long lastProcessedBlock() {
        CatchUp c = catchUp;
        return c == null || c.last() < 0 ? null : c.last();
    }

    /** Ticks as they are published (for the SSE and gRPC streams). */
    public Multi<PriceTick> published() {
        return published;
    }

    /**
     * The last block published before a restart, if it is still on the node's chain (same chain id, same hash at that
     * height); otherwise -1 — a reset devnet or a reorg past it starts afresh rather than skipping blocks.
     */
    private Uni<Long> resumePoint(Catalogue catalogue) {
        if (!config.resumeAfterLastPricedBlock()) {
            return Uni.createFrom().item(-1L);
        }
        return ProcessedBlock.resumePoint(store.lastPricedBlock(), catalogue.chainId(), this::header, "price pipeline");
    }

    private Multi<Void> run(Catalogue catalogue, long lastPriced) {
        var snapshot = new PriceSnapshot(new Multicall3(web3j, catalogue.multicall3(), chain.multicallChunkSize()), catalogue);
        var aggregator = new PriceAggregator(catalogue, new RateGrowthCap(config.growthCapRefresh().toSeconds()));
        var ethUsd = new EthUsdAggregator(config.ethUsd().maxAge().toMillis(), config.ethUsd().maxDeviationBps());
        if (lastPriced >= 0) {
            LOG.infof("resuming after block %d, the last one published before the restart", lastPriced);
        }
        LOG.infof("pricing %d assets from %d sub-calls per block", catalogue.assets().size(), snapshot.callCount());
        var contractEvents = new io.lrtyield.common.chain.ContractEventLogs(web3j, catalogue);
        var publication = publication(snapshot, aggregator, ethUsd, contractEvents, catalogue.chainId());
        var retry = config.blockRetry();
        var catchUp = new CatchUp(lastPriced,
                new CatchUp.Settings(config.maxBackfillBlocks(), retry.historyAttempts(), retry.firstBackoff(), retry.maxBackoff(), "priced"),
                this::header,
                (block, backfilledAt) -> priceBlock(publication, block, backfilledAt).replaceWithVoid(),
                this::reportGap,
                () -> {
                    BlockHead newest = heads.last();
                    return newest == null ? -1 : newest.number();
                });
        this.catchUp = catchUp;
        // while a catch-up runs, only the newest head waits: the catch-up reaches it block by block anyway
        return heads.stream()
                .onOverflow().dropPreviousItems()
                .onItem().transformToUniAndConcatenate(catchUp::onHead);
    }

    /** A past block's own header (hash, timestamp): the provenance of its ticks. */
    private Uni<BlockHead> header(long number) {
        return BlockHeaders.header(web3j, number);
    }

    /** Blocks that will have no price tick: metric, WARN log, {@code GET /api/v1/prices/gaps}. */
    private Uni<Void> reportGap(BlockGap gap) {
        LOG.warnf("blocks %d..%d will have no price tick: %s", gap.fromBlock(), gap.toBlock(), gap.reason());
        meters.counter("price.gap.blocks").increment(gap.blocks());
        return store.saveGap(gap);
    }

    /** The stages of one block's publication; a retry of the same block resumes after the last one done. */
    private StagedPublication publication(PriceSnapshot snapshot, PriceAggregator aggregator, EthUsdAggregator ethUsd,
                                          io.lrtyield.common.chain.ContractEventLogs contractEvents, long chainId) {
        return new StagedPublication(new StagedPublication.Stages() {
            @Override
            public Uni<StagedPublication.Computed> compute(BlockHead block, Long backfilledAt) {
                Provenance provenance = new Provenance(chainId, block.number(), block.hash(), block.timestamp());
                // the snapshot (one Multicall3) and the block's Upgraded / Paused / oracle-change logs of the assets' contracts (one eth_getLogs)
                var read = Uni.combine().all().unis(snapshot.read(block.number()), contractEvents.alerts(provenance)).asTuple();
                return stages.timed("read", read).map(t -> {
                    long start = System.nanoTime();
                    var readings = t.getItem1();
                    var usd = ethUsd.aggregate(readings.ethUsd(), http.latest(), http.lastError(), block.timestamp(), System.currentTimeMillis());
                    var result = aggregator.aggregate(readings, usd.usdPerEth(), usd.reasons(), provenance);
                    List<RiskAlert> alerts = merge(t.getItem2(), result.alerts());
                    stages.record("aggregate", start);
                    return new StagedPublication.Computed(backfilledAt == null ? result.ticks()
                            : result.ticks().stream().map(x -> x.backfilledAt(backfilledAt)).toList(), alerts);
                });
            }

            @Override
            public Uni<Void> sendAlerts(List<RiskAlert> alerts) {
                return stages.timed("alerts", all(alerts.stream().map(PricePipeline.this::raise).toList()));
            }

            @Override
            public Uni<Void> sendTicks(List<PriceTick> ticks) {
                // every tick sent at once (one key each: Kafka keeps each asset's order), acknowledged
                return stages.timed("kafka", all(ticks.stream().map(t -> emitter.send(Record.of(t.asset(), t))).toList()));
            }

            @Override
            public Uni<Void> store(BlockHead block, List<PriceTick> ticks) {
                // the ticks and the resume point, in one script
                return stages.timed("redis", store.saveBlock(ticks, new ProcessedBlock(chainId, block.number(), block.hash())));
            }
        });
    }

    private Uni<List<PriceTick>> priceBlock(StagedPublication publication, BlockHead head, Long backfilledAt) {
        long receivedAt = System.nanoTime();
        // the head → published latencies; a backfilled block's wait behind the stall is not a latency
        Runnable acknowledged = () -> {
            if (backfilledAt == null) {
                publishLatency.record(System.nanoTime() - receivedAt, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
        return publication.publish(head, backfilledAt, acknowledged)
                .invoke(ticks -> {
                    if (backfilledAt == null) {
                        storedLatency.record(System.nanoTime() - receivedAt, java.util.concurrent.TimeUnit.NANOSECONDS);
                    }
                    ticks.forEach(this::observe);
                });
    }

    private void observe(PriceTick tick) {
        meters.counter("price.ticks", "asset", tick.asset(), "status", tick.status().name()).increment();
        tick.sources().forEach(s -> meters.counter("price.source.status", "asset", tick.asset(), "source", s.source(), "status", s.status())
                .increment());
        if (lastTickTimestamp.put(tick.asset(), tick.provenance().blockTimestamp()) == null) {
            // registered once per asset; they read the maps on every scrape
            meters.gauge("price.age.seconds", io.micrometer.core.instrument.Tags.of("asset", tick.asset()), lastTickTimestamp,
                    m -> System.currentTimeMillis() / 1000.0 - m.get(tick.asset()));
            meters.gauge("price.discount.bps", io.micrometer.core.instrument.Tags.of("asset", tick.asset()), discounts,
                    m -> m.getOrDefault(tick.asset(), Double.NaN));
        }
        if (tick.discountBps() != null) {
            discounts.put(tick.asset(), tick.discountBps().doubleValue());
        } else {
            discounts.remove(tick.asset());
        }
        published.onNext(tick);
    }

    private Uni<Void> raise(RiskAlert alert) {
        LOG.warnf("%s %s on %s: %s", alert.severity(), alert.kind(), alert.subject(), alert.message());
        if ("DEPEG".equals(alert.kind())) {
            // 0 at peg, 1 WARN, 2 CRITICAL: the alerting rules page on a CRITICAL depeg (price_depeg_level >= 2)
            int level = !alert.active() ? 0 : "CRITICAL".equals(alert.severity()) ? 2 : 1;
            if (depegLevels.put(alert.subject(), level) == null) {
                meters.gauge("price.depeg.level", io.micrometer.core.instrument.Tags.of("asset", alert.subject()), depegLevels,
                        m -> m.getOrDefault(alert.subject(), 0));
            }
        }
        return alertEmitter.send(Record.of(alert.subject(), alert)).chain(() -> alerts.save(alert));
    }

    /**
     * One block's alerts, the contract events' first: a pause seen both as a {@code Paused} event and as {@code paused()}
     * turning true is one alert (same subject, kind and block: same eventId), the event's, which names the transaction.
     */
    public static List<RiskAlert> merge(List<RiskAlert> events, List<RiskAlert> aggregated) {
        Map<String, RiskAlert> byId = new java.util.LinkedHashMap<>();
        events.forEach(a -> byId.putIfAbsent(a.eventId(), a));
        aggregated.forEach(a -> byId.putIfAbsent(a.eventId(), a));
        return List.copyOf(byId.values());
    }

    private static Uni<Void> all(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}

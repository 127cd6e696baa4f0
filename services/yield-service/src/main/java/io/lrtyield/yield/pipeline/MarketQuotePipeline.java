package io.lrtyield.yield.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.BlockHeaders;
import io.lrtyield.common.chain.CatchUp;
import io.lrtyield.common.chain.ProcessedBlock;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.ChainConfig;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.common.runtime.ChainIdentity;
import io.lrtyield.yield.YieldConfig;
import io.lrtyield.yield.store.QuoteStore;
import io.lrtyield.yield.store.RateHistoryStore;
import io.lrtyield.yield.model.MarketState;
import io.lrtyield.yield.model.StablePool;
import io.lrtyield.yield.model.StakingYieldModel;
import io.lrtyield.yield.model.VenueQuoter;
import io.lrtyield.yield.model.YieldMath;
import io.lrtyield.yield.snapshot.MarketSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Per block: one Multicall3 snapshot of the market venues' state pinned to it → virtual-price history (Redis) → a quote
 * per market venue ({@link VenueQuoter}) → {@link YieldPipeline#publish}. Staking APYs that loops and EigenLayer
 * deposits earn come from the staking venues' latest quotes; an EigenLayer deposit of the vault that is delegated loses
 * its expected slashing loss, from the latest exposure the price ticks carried ({@link io.lrtyield.yield.model.PositionSlashing}).
 * Every block after the last one quoted (kept in Redis, so a restart resumes after it instead of at the next head), in
 * order, up to the head ({@link CatchUp}): a block whose reads or publication fail (RPC, Kafka, Redis) is tried again and the later ones
 * wait; blocks quoted while a newer head exists carry the {@code backfilled} flag.
 */
@ApplicationScoped
public class MarketQuotePipeline {

    private static final Logger LOG = Logger.getLogger(MarketQuotePipeline.class);
    private static final int HISTORY_ATTEMPTS = 5;
    private static final java.time.Duration FIRST_BACKOFF = java.time.Duration.ofMillis(250);
    private static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofSeconds(5);
    static final Set<VenueKind> MARKET_KINDS = EnumSet.of(VenueKind.LENDING_SUPPLY, VenueKind.LEVERAGED_LOOP,
            VenueKind.FIXED_YIELD_PT, VenueKind.LP, VenueKind.EIGENLAYER_STRATEGY, VenueKind.IDLE);
    private static final Set<VenueKind> STAKING_KINDS = EnumSet.of(VenueKind.NATIVE_STAKING, VenueKind.RESTAKING_TOKEN);

    private final ChainHeads heads;
    private final ChainIdentity identity;
    private final Web3j web3j;
    private final ChainConfig chain;
    private final QuoteStore quotes;
    private final RateHistoryStore history;
    private final YieldPipeline pipeline;
    private final YieldConfig config;
    private final MeterRegistry meters;
    private final StakingYieldModel growthModel;
    private final LatestMarketState latest;
    private Cancellable subscription;

    MarketQuotePipeline(ChainHeads heads, ChainIdentity identity, Web3j web3j, ChainConfig chain, QuoteStore quotes,
                        RateHistoryStore history, YieldPipeline pipeline, YieldConfig config, MeterRegistry meters,
                        LatestMarketState latest) {
        this.latest = latest;
        this.heads = heads;
        this.identity = identity;
        this.web3j = web3j;
        this.chain = chain;
        this.quotes = quotes;
        this.history = history;
        this.pipeline = pipeline;
        this.config = config;
        this.meters = meters;
        this.growthModel = new StakingYieldModel(config.maxPlausibleApr(), config.jumpFactor());
    }

    void start(@Observes StartupEvent event) {
        if (!config.marketQuotes()) {
            return;
        }
        subscription = identity.verifiedCatalogue()
                .chain(catalogue -> ProcessedBlock.resumePoint(quotes.lastMarketQuotedBlock(), catalogue.chainId(),
                        number -> BlockHeaders.header(web3j, number), "market quotes").map(last -> Map.entry(catalogue, last)))
                .onItem().transformToMulti(start -> run(start.getKey(), start.getValue()))
                .subscribe().with(n -> { }, e -> LOG.error("market quote pipeline stopped", e));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private Multi<Integer> run(Catalogue catalogue, long lastQuoted) {
        List<Venue> venues = catalogue.venues().stream().filter(v -> MARKET_KINDS.contains(v.venueKind())).toList();
        MarketSnapshot snapshot = new MarketSnapshot(new Multicall3(web3j, catalogue.multicall3(), chain.multicallChunkSize())::aggregate3, catalogue);
        if (snapshot.callCount() == 0 && venues.isEmpty()) {
            return Multi.createFrom().empty();
        }
        VenueQuoter quoter = new VenueQuoter(config.sizeCurveEth(), config.horizonDays());
        snapshot.skipped().forEach((id, reason) -> LOG.warnf("venue %s is not quoted: %s", id, reason));
        LOG.infof("quoting %d market venues per block from %d reads", venues.size(), snapshot.callCount());
        if (lastQuoted >= 0) {
            LOG.infof("market quotes resume after block %d, the last one quoted before the restart", lastQuoted);
        }
        CatchUp catchUp = new CatchUp(lastQuoted, new CatchUp.Settings(config.maxBackfillBlocks(), HISTORY_ATTEMPTS, FIRST_BACKOFF, MAX_BACKOFF, "quoted"),
                number -> BlockHeaders.header(web3j, number),
                (block, backfilledAt) -> quoteBlock(catalogue, venues, snapshot, quoter, block, backfilledAt).replaceWithVoid(),
                gap -> {
                    LOG.warnf("blocks %d..%d: market venues never quoted: %s", gap.fromBlock(), gap.toBlock(), gap.reason());
                    meters.counter("yield.gap.blocks").increment(gap.blocks());
                    return Uni.createFrom().voidItem();
                },
                () -> heads.last() == null ? -1 : heads.last().number());
        // while a catch-up runs, only the newest head waits: the catch-up reaches it block by block anyway
        return heads.stream()
                .onOverflow().dropPreviousItems()
                .onItem().transformToUniAndConcatenate(head -> catchUp.onHead(head).replaceWith(0));
    }

    Uni<Integer> quoteBlock(Catalogue catalogue, List<Venue> venues, MarketSnapshot snapshot, VenueQuoter quoter, BlockHead head,
                            Long backfilledAt) {
        long started = System.nanoTime();
        Provenance provenance = new Provenance(catalogue.chainId(), head.number(), head.hash(), head.timestamp());
        BlockHead newest = heads.last();
        // the head waits (bounded) for its block's ticks to be quoted: its loops earn that block's staking APYs
        Uni<Void> ticks = backfilledAt == null && newest != null && newest.number() == head.number()
                ? pipeline.ticksOf(head.number(), config.awaitBlockTicks()) : Uni.createFrom().voidItem();
        return ticks.chain(() -> snapshot.read(head.number(), head.timestamp()))
                .invoke(state -> {
                    if (backfilledAt == null) {
                        latest.set(state);
                    }
                })
                .chain(state -> Uni.combine().all().unis(stakingApys(catalogue), lpGrowth(catalogue, venues, state, head)).asTuple()
                        // the size curves (Pendle's AMM, loops) are exact integer math, milliseconds of CPU per block: on a
                        // worker thread, so the event loop keeps serving the price ticks' Redis and Kafka replies meanwhile
                        .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                        .map(t -> quoteAll(venues, state, quoter, provenance,
                                new VenueQuoter.Context(catalogue.contracts(), t.getItem1(), t.getItem2()), config.maxPlausibleApr()))
                        .map(list -> list.stream().map(q -> q.venueKind().equals(VenueKind.EIGENLAYER_STRATEGY.name())
                                ? io.lrtyield.yield.model.PositionSlashing.adjust(q, pipeline.positionExposure(q.venueId()), pipeline.slashing())
                                : q).toList())
                        .map(list -> backfilledAt == null ? list : list.stream().map(q -> backfilled(q, backfilledAt)).toList()))
                .invoke(() -> Timer.builder("yield.market.quote.duration").description("new head → market venues quoted")
                        .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .chain(list -> Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(pipeline::publish)
                        .collect().last().replaceWith(list.size()))
                // the resume point, once every quote of the block is out
                .call(() -> quotes.markMarketQuoted(new ProcessedBlock(catalogue.chainId(), head.number(), head.hash())));
    }

    /**
     * Quotes for {@code venues} at one block; a venue whose state is unavailable or whose parameters are wrong is left
     * out (logged), never the block. Net APYs beyond ±{@code maxPlausibleApy} are clamped and flagged, as staking's are.
     */
    public static List<YieldQuote> quoteAll(List<Venue> venues, MarketState state, VenueQuoter quoter, Provenance provenance,
                                            VenueQuoter.Context ctx, BigDecimal maxPlausibleApy) {
        List<YieldQuote> out = new ArrayList<>(venues.size());
        for (Venue venue : venues) {
            try {
                quoter.quote(venue, state, ctx).ifPresentOrElse(q -> {
                    List<String> flags = new ArrayList<>(q.flags());
                    Map<String, String> risk = new HashMap<>(q.risk());
                    risk.putIfAbsent("withdrawalDelaySeconds", Long.toString(venue.withdrawalDelaySeconds()));
                    BigDecimal net = q.netApy();
                    if (net.abs().compareTo(maxPlausibleApy) > 0) {
                        flags.add(io.lrtyield.common.event.QuoteFlag.CLAMPED.with("net APY " + net.toPlainString() + " outside ±" + maxPlausibleApy.toPlainString()));
                        net = net.signum() > 0 ? maxPlausibleApy : maxPlausibleApy.negate();
                    }
                    out.add(new YieldQuote(YieldQuote.SCHEMA_VERSION, YieldQuote.idFor(venue.id(), provenance), venue.id(), venue.kind(),
                            venue.asset(), net, q.basis(), q.components(), q.windows(), q.sizeCurve(), 1, flags, provenance, risk));
                }, () -> LOG.debugf("venue %s not quoted at block %d: %s", venue.id(), provenance.blockNumber(), state.unavailable()));
            } catch (RuntimeException e) {
                LOG.warnf("venue %s not quoted at block %d: %s", venue.id(), provenance.blockNumber(), e.getMessage());
            }
        }
        return out;
    }

    /** A quote of a past block, made while a newer head existed: its true figure, not one to plan on at the head. */
    static YieldQuote backfilled(YieldQuote q, long head) {
        List<String> flags = new ArrayList<>(q.flags());
        flags.add(io.lrtyield.common.event.QuoteFlag.BACKFILLED.with("quoted while head " + head + " existed"));
        return new YieldQuote(q.schemaVersion(), q.eventId(), q.venueId(), q.venueKind(), q.asset(), q.netApy(), q.basis(), q.components(),
                q.windows(), q.sizeCurve(), q.samples(), flags, q.provenance(), q.risk());
    }

    /** Latest staking net APY per asset symbol, from the staking venues' stored quotes. */
    private Uni<Map<String, BigDecimal>> stakingApys(Catalogue catalogue) {
        List<String> ids = catalogue.venues().stream().filter(v -> STAKING_KINDS.contains(v.venueKind())).map(Venue::id).toList();
        return quotes.latest(ids).map(list -> {
            Map<String, BigDecimal> byAsset = new HashMap<>();
            list.forEach(q -> byAsset.putIfAbsent(q.asset(), q.netApy()));
            return byAsset;
        });
    }

    /** Adds this block's virtual price of each LP pool to its history and evaluates the windows. */
    private Uni<Map<String, StakingYieldModel.Result>> lpGrowth(Catalogue catalogue, List<Venue> venues, MarketState state, BlockHead head) {
        List<Uni<Map.Entry<String, StakingYieldModel.Result>>> reads = new ArrayList<>();
        for (Venue v : venues) {
            if (v.venueKind() != VenueKind.LP) {
                continue;
            }
            String pool = VenueQuoter.address(v, "pool", catalogue.contracts());
            StablePool p = state.pools().get(pool);
            if (p == null) {
                continue;
            }
            String series = catalogue.chainId() + ":" + pool + ":get_virtual_price";
            RatePoint point = new RatePoint(head.number(), head.timestamp(), YieldMath.fromWad(p.virtualPrice()));
            reads.add(history.addAndWindow(series, point, null).map(RateHistoryStore.Window::points).map(points -> {
                StakingYieldModel.Result r = null;
                if (points.size() >= 2 && points.get(0).blockTimestamp() < points.get(points.size() - 1).blockTimestamp()) {
                    r = growthModel.evaluate(v, points, List.of());
                }
                return new java.util.AbstractMap.SimpleEntry<>(v.id(), r);
            }));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.join().all(reads).andFailFast().map(entries -> {
            Map<String, StakingYieldModel.Result> out = new HashMap<>();
            entries.stream().filter(e -> e.getValue() != null).forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }
}

package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.BlockGap;
import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.BlockHeaders;
import io.lrtyield.common.chain.CatchUp;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.QuoteFlag;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.common.runtime.ChainConfig;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.common.runtime.LatencyTimers;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.VaultAddress;
import io.lrtyield.rebalancer.decision.Decision;
import io.lrtyield.rebalancer.dispatch.PlanDispatcher;
import io.lrtyield.rebalancer.lease.DecisionLeader;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.policy.MarketState;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioReader;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.store.DecisionStore;
import io.lrtyield.rebalancer.store.PlanStore;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Each new head: one portfolio snapshot (Multicall3 pinned to the block) → valuation at the latest prices (the head first waits, at most
 * {@code rebalancer.strategy.await-block-prices}, for its own block's ticks) → stress
 * table → decision (stored, with its reason) → for REBALANCE/DELEVERAGE, a plan (Redis + rebalance-plans.v1, approved
 * at once when the approval policy is auto, then handed to the {@link PlanDispatcher}). One open plan per vault: while
 * one is open, the decision holds and says so. Every block is decided, in order ({@link CatchUp}): a block whose reads or
 * stores fail is tried again and the later ones wait; after a restart the blocks after the last decision stored are
 * decided first. A block decided while a newer head exists is recorded and never acted on ({@link #notAtHead}). Of several
 * instances for one vault only the {@link DecisionLeader} records decisions and moves plans; the others value the
 * portfolio and stay warm, and one that takes the lease over first decides the blocks after the last decision stored. The time
 * from the head's arrival to the stored decision is the {@code rebalancer_decision_latency_seconds} timer.
 */
@ApplicationScoped
public class SnapshotPipeline {

    private static final Logger LOG = Logger.getLogger(SnapshotPipeline.class);

    private final StrategyConfig config;
    private final RebalancerConfig rebalancer;
    private final ChainHeads heads;
    private final io.lrtyield.common.runtime.ChainIdentity identity;
    private final Web3j web3j;
    private final ChainConfig chain;
    private final MarketCache cache;
    private final DecisionStore decisions;
    private final PlanStore plans;
    private final io.lrtyield.rebalancer.store.PlanEvents events;
    private final Timer latency;
    private final AtomicReference<Runtime> runtime = new AtomicReference<>();
    private final AtomicLong headsDecided = new AtomicLong();
    static final int WARM_UP_BLOCKS = 30;
    private static final int HISTORY_ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    record Runtime(StrategyFactory.Strategy strategy, PortfolioReader reader, PortfolioValuer valuer) {
    }

    private final io.lrtyield.rebalancer.admin.PolicyOverrides overrides;
    private final PlanDispatcher dispatcher;
    private final RebalancerMetrics metrics;
    private final DecisionLeader leader;

    SnapshotPipeline(StrategyConfig config, RebalancerConfig rebalancer, ChainHeads heads, io.lrtyield.common.runtime.ChainIdentity identity, Web3j web3j,
                     ChainConfig chain, MarketCache cache, DecisionStore decisions, PlanStore plans,
                     io.lrtyield.rebalancer.store.PlanEvents events, MeterRegistry meters,
                     io.lrtyield.rebalancer.admin.PolicyOverrides overrides, PlanDispatcher dispatcher, RebalancerMetrics metrics,
                     DecisionLeader leader) {
        this.metrics = metrics;
        this.leader = leader;
        this.overrides = overrides;
        this.dispatcher = dispatcher;
        this.config = config;
        this.rebalancer = rebalancer;
        this.heads = heads;
        this.identity = identity;
        this.web3j = web3j;
        this.chain = chain;
        this.cache = cache;
        this.decisions = decisions;
        this.plans = plans;
        this.events = events;
        this.latency = LatencyTimers.register(meters, "rebalancer.decision.latency", "new head received → decision stored", 250);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        // only once the node is known to serve the catalogue's chain (never value or trade the wrong contracts)
        identity.verifiedCatalogue()
                .invoke(c -> runtime.updateAndGet(old -> old != null ? old : create(c)))
                .chain(c -> resumePoint())
                .onItem().transformToMulti(last -> {
                    CatchUp catchUp = new CatchUp(last, new CatchUp.Settings(config.maxBackfillBlocks(), HISTORY_ATTEMPTS, FIRST_BACKOFF,
                            MAX_BACKOFF, "decided"), number -> BlockHeaders.header(web3j, number),
                            (block, backfilledAt) -> onHead(block, System.nanoTime()), this::reportGap,
                            () -> heads.last() == null ? -1 : heads.last().number());
                    // while a catch-up runs, only the newest head waits: the catch-up reaches it block by block anyway
                    return heads.stream().onOverflow().dropPreviousItems().onItem()
                            .transformToUniAndConcatenate(head -> resumeOnTakeOver(catchUp).chain(() -> catchUp.onHead(head)));
                })
                .subscribe().with(x -> { }, e -> LOG.error("snapshot pipeline ended", e));
    }

    /**
     * The block of the last decision stored, if it is still on the node's chain (its hash at that height); otherwise -1 —
     * a reset devnet or a reorg past it starts at the next head rather than deciding another chain's blocks.
     */
    private Uni<Long> resumePoint() {
        return decisions.newest(rebalancer.vault(), 1).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(-1L);
            }
            Decision last = list.get(0);
            return BlockHeaders.header(web3j, last.blockNumber())
                    .map(block -> last.quoteEventId().equalsIgnoreCase("block:" + block.number() + ":" + block.hash()) ? last.blockNumber() : -1L);
        }).invoke(last -> {
            if (last >= 0) {
                LOG.infof("deciding from block %d on, after the last decision stored before the restart", last + 1);
            }
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("resume point unknown (%s); deciding from the next head", e.getMessage());
            return -1L;
        });
    }

    /**
     * When this instance has just taken the decision lease over (another instance held it, or a restarted one waited for
     * its own lapsed lease), it decides again from the last decision stored: the blocks it valued as a standby were not
     * recorded by anyone.
     */
    private Uni<Void> resumeOnTakeOver(CatchUp catchUp) {
        if (!leader.takeGained()) {
            return Uni.createFrom().voidItem();
        }
        return resumePoint().invoke(last -> {
            if (last >= 0 && last < catchUp.last()) {
                LOG.infof("took the decision lease over: deciding blocks %d..%d again, after the last decision stored", last + 1, catchUp.last());
                catchUp.rewindTo(last);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> reportGap(BlockGap gap) {
        LOG.warnf("blocks %d..%d will have no decision: %s", gap.fromBlock(), gap.toBlock(), gap.reason());
        metrics.decisionGap(gap.blocks());
        return Uni.createFrom().voidItem();
    }

    /** The strategy for the verified catalogue, built once; empty until the node is known to serve its chain. */
    public java.util.Optional<Runtime> runtime() {
        return java.util.Optional.ofNullable(runtime.get());
    }

    /** The venues an incident on {@code subject} caps; empty until the catalogue is verified. */
    public List<String> venuesOn(String subject) {
        return runtime().map(rt -> rt.strategy().policy().venuesOn(subject)).orElse(List.of());
    }

    /** The verified catalogue's chain id, once known. */
    public java.util.OptionalLong chainId() {
        return runtime().map(rt -> java.util.OptionalLong.of(rt.strategy().catalogue().chainId())).orElse(java.util.OptionalLong.empty());
    }

    private Runtime create(Catalogue c) {
        String vault = vaultAddress(c);
        Multicall3 mc = new Multicall3(web3j, c.multicall3(), chain.multicallChunkSize());
        return new Runtime(StrategyFactory.create(config, c, vault), new PortfolioReader(c, vault, mc::aggregate3,
                new io.lrtyield.common.chain.Erc721MintLogs(web3j, rebalancer.logsMaxBlockRange())::mintedTo,
                rebalancer.withdrawalLogsFromBlock()), new PortfolioValuer(c));
    }

    /** The configured vault's address ({@link VaultAddress}). */
    String vaultAddress(Catalogue c) {
        return VaultAddress.resolve(rebalancer.vault(), c);
    }

    Uni<Void> onHead(BlockHead head, long receivedNanos) {
        Runtime rt = runtime().orElse(null);
        if (rt == null) {
            return Uni.createFrom().voidItem();
        }
        boolean leads = leader.leads();
        BlockHead newest = heads.last();
        // the head waits (bounded) for its own block's prices; a past block's are long in
        Uni<Void> prices = newest != null && newest.number() == head.number()
                ? cache.pricesOf(head.number(), config.awaitBlockPrices()) : Uni.createFrom().voidItem();
        return prices.chain(() -> rt.reader().read(head.number(), head.timestamp()))
                .chain(raw -> plans.lastPlanAt(rebalancer.vault()).chain(last -> openPlan(head, leads)
                        .chain(open -> overrides.effective().emitOn(Infrastructure.getDefaultWorkerPool())
                                .chain(policy -> decide(rt, head, raw, last, open.orElse(null), policy, leads)))))
                .invoke(() -> latency.record(Duration.ofNanos(System.nanoTime() - receivedNanos)));
    }

    /**
     * The vault's open plan, after expiring it if it waited too long: a stale PROPOSED or APPROVED plan never blocks a
     * newer decision, and is never executed. Only the instance that leads the decisions expires a plan.
     */
    private Uni<java.util.Optional<String>> openPlan(BlockHead head, boolean leads) {
        String vault = rebalancer.vault();
        return plans.openPlan(vault).chain(open -> open.isEmpty() || !leads ? Uni.createFrom().item(open)
                : plans.get(vault, open.get()).chain(stored -> {
                    if (stored.isEmpty() || !PlanLifecycle.expired(stored.get().plan(), head.number(), config.planExpiryBlocks())) {
                        return Uni.createFrom().item(open);
                    }
                    String why = "not started within " + config.planExpiryBlocks() + " blocks (proposed at "
                            + stored.get().plan().provenance().blockNumber() + ", head " + head.number() + "): its min-outs are too old";
                    return plans.transition(vault, open.get(), PlanLifecycle.EXPIRED, why)
                            .chain(p -> publish(p.plan()))
                            .onFailure(IllegalStateException.class).recoverWithNull() // the dispatcher moved it meanwhile
                            .replaceWith(java.util.Optional.<String>empty());
                }));
    }

    private Uni<Void> decide(Runtime rt, BlockHead head, RawSnapshot raw, long lastPlanAt, String openPlan,
                             io.lrtyield.rebalancer.admin.PolicyOverrides.Policy policy, boolean leads) {
        Map<String, PriceTick> prices = cache.prices();
        Portfolio portfolio = rt.valuer().value(rt.strategy().vault(), raw, prices);
        metrics.portfolio(portfolio);
        PolicyOutcome outcome = rt.strategy().policy().decide(new MarketState(portfolio, cache.quotes(), prices, cache.alerts(), lastPlanAt,
                policy.minGainEth(), policy.costMargin()));
        cache.snapshot(portfolio, rt.strategy().stress().run(portfolio, prices), outcome);
        // the warm-up counts heads since start, not the past blocks a restart decides first
        BlockHead newest = this.heads.last();
        long heads = newest == null || head.number() + HEAD_LAG_BLOCKS >= newest.number() ? headsDecided.incrementAndGet() : headsDecided.get();
        if (!leads) {
            // a standby values the portfolio and keeps its view current (its APIs answer, its warm-up is done when it
            // takes over) but records and proposes nothing: the leader does, once per block
            return Uni.createFrom().voidItem();
        }
        Provenance prov = new Provenance(rt.strategy().catalogue().chainId(), head.number(), head.hash(), head.timestamp());
        String action = outcome.action();
        String reason = outcome.reason();
        StoredPlan stored = null;
        String warming = PolicyOutcome.REBALANCE.equals(action) ? warmingUp(outcome, cache.quotes(), heads) : null;
        String catchingUp = PolicyOutcome.HOLD.equals(action) ? null : notAtHead(head.number(), this.heads.last(), prices, cache.quotes());
        if (warming != null) {
            action = PolicyOutcome.HOLD;
            reason = warming + "; wanted: " + reason;
        } else if (catchingUp != null) {
            // recorded, never acted on: a plan is built on the head only
            action = PolicyOutcome.HOLD;
            reason = catchingUp + "; wanted: " + reason;
        } else if (!PolicyOutcome.HOLD.equals(action)) {
            if (openPlan != null) {
                action = PolicyOutcome.HOLD;
                reason = "hold because plan " + openPlan + " is still open; wanted: " + reason;
            } else {
                BuiltPlan built;
                try {
                    built = PlanMaker.make(rt.strategy(), outcome, portfolio, raw.ethBalance(),
                            raw.tokens().getOrDefault("WETH", BigInteger.ZERO), prices, PlanMaker.venueRates(raw, cache.quotes()),
                            raw.finalizedLidoRequests(), raw.claimableLrtRequests(),
                            raw.completableEigenWithdrawals(), raw.venueUnits());
                } catch (RuntimeException e) {
                    built = new BuiltPlan(List.of(), List.of(), List.of("the plan cannot be built: " + e.getMessage()));
                }
                if (built.empty()) {
                    action = PolicyOutcome.HOLD;
                    reason = "hold because no step can be routed: " + String.join("; ", built.skipped()) + "; wanted: " + reason;
                } else {
                    String id = PlanLifecycle.planId(rt.strategy().vault(), head.number(), built.actions());
                    RebalancePlan plan = PlanLifecycle.propose(rebalancer.vault(), id, target(outcome, portfolio), built.actions(),
                            eth(outcome.gainEth()), eth(outcome.costEth()), reason, prov);
                    stored = new StoredPlan(plan, built.steps(), built.skipped(), List.of("PROPOSED at block " + head.number() + ": " + reason));
                    reason = reason + " → plan " + id + " PROPOSED (" + built.actions().size() + " actions)";
                }
            }
        }
        Decision decision = new Decision(rebalancer.vault(), action, "portfolio", null, topVenue(outcome), null,
                gainBps(outcome, portfolio), reason, head.number(), "block:" + head.number() + ":" + head.hash(), System.currentTimeMillis());
        if (stored == null) {
            return decisions.append(decision);
        }
        StoredPlan proposed = stored;
        String wanted = reason;
        return plans.propose(proposed).chain(opened -> !opened
                // another instance opened a plan meanwhile (a lease hand-over): one open plan per vault, never two
                ? decisions.append(new Decision(decision.vault(), PolicyOutcome.HOLD, decision.currentVenue(), null, decision.bestVenue(),
                        null, decision.gainBps(), "hold because another plan opened meanwhile; wanted: " + wanted, head.number(),
                        decision.quoteEventId(), decision.decidedAtMillis()))
                : decisions.append(decision).chain(() -> publish(proposed.plan()))
                // the approval policy as an admin last set it (PUT /api/v1/admin/policy), else the configured one
                .chain(() -> "auto".equalsIgnoreCase(policy.approval())
                        ? plans.transition(rebalancer.vault(), proposed.plan().planId(), PlanLifecycle.APPROVED, "approved by policy (auto)")
                        .chain(p -> publish(p.plan()))
                        .invoke(dispatcher::kick)
                        : Uni.createFrom().voidItem()));
    }

    /**
     * A rebalance right after start-up would be planned on whatever market data has arrived so far, and on staking APYs
     * measured over a few blocks: for the first {@link #WARM_UP_BLOCKS} decided blocks a rebalance waits, and says which
     * venues still have no first price or quote. An emergency deleverage never waits.
     */
    static String warmingUp(PolicyOutcome outcome, long headsSinceStart) {
        return warmingUp(outcome, Map.of(), headsSinceStart);
    }

    /**
     * As {@link #warmingUp(PolicyOutcome, long)}, and a quote still built without an input it needs (a loop before its
     * staking token's first quote: {@code no-staking-yield}) counts as not arrived yet.
     */
    static String warmingUp(PolicyOutcome outcome, Map<String, io.lrtyield.common.event.YieldQuote> quotes, long headsSinceStart) {
        if (headsSinceStart > WARM_UP_BLOCKS) {
            return null;
        }
        java.util.TreeSet<String> waiting = new java.util.TreeSet<>();
        outcome.excluded().entrySet().stream()
                .filter(e -> e.getValue().endsWith("has no price yet") || e.getValue().equals("no quote yet"))
                .forEach(e -> waiting.add(e.getKey()));
        quotes.forEach((venue, q) -> {
            if (q.flags().stream().anyMatch(f -> QuoteFlag.of(f).orElse(null) == QuoteFlag.NO_STAKING_YIELD)) {
                waiting.add(venue);
            }
        });
        return "hold while warming up (block " + headsSinceStart + " of " + WARM_UP_BLOCKS + " since start): "
                + (waiting.isEmpty() ? "the quotes' first windows are still filling" : "no first price or quote yet for " + String.join(", ", waiting));
    }

    /**
     * Heads a decision may lag and still be acted on: deciding can take longer than one block (Anvil's 1-s blocks on a
     * loaded machine), and that is not a catch-up; further behind, the service is working through a backlog.
     */
    static final long HEAD_LAG_BLOCKS = 2;

    /**
     * Why a decision at {@code block} is recorded but not acted on, or null when it may be: heads newer by more than
     * {@link #HEAD_LAG_BLOCKS} have arrived (this block is no longer the head), or a price it rests on was backfilled — the price service is catching up
     * after a stall, so the prices describe a past block, not the head — or a quote was made from such a price. A plan is built on the head only; an
     * emergency deleverage waits too (the catch-up takes seconds, and the prices it would size on are the past).
     */
    static String notAtHead(long block, BlockHead newest, Map<String, PriceTick> prices,
                            Map<String, io.lrtyield.common.event.YieldQuote> quotes) {
        if (newest != null && newest.number() > block + HEAD_LAG_BLOCKS) {
            return "hold because block " + block + " is not the head (" + newest.number() + "): decided, not acted on";
        }
        java.util.TreeSet<String> behind = new java.util.TreeSet<>();
        prices.values().stream().filter(PriceTick::backfilled)
                .forEach(t -> behind.add(t.asset() + " at block " + t.provenance().blockNumber()));
        quotes.values().stream().filter(q -> q.flags().stream().anyMatch(f -> QuoteFlag.of(f).orElse(null) == QuoteFlag.BACKFILLED))
                .forEach(q -> behind.add(q.venueId() + " quote at block " + q.provenance().blockNumber()));
        return behind.isEmpty() ? null : "hold while prices catch up to the head " + block + " (backfilled: " + String.join(", ", behind)
                + "): decided, not acted on";
    }

    private Uni<Void> publish(RebalancePlan plan) {
        return events.publish(plan);
    }

    private static List<RebalancePlan.Allocation> target(PolicyOutcome o, Portfolio p) {
        if (o.result() == null) {
            return List.of();
        }
        double total = o.result().allocations().stream().mapToDouble(VenueAllocation::amount).sum();
        List<RebalancePlan.Allocation> list = new ArrayList<>();
        for (VenueAllocation va : o.result().allocations()) {
            list.add(new RebalancePlan.Allocation(va.venue(), BigDecimal.valueOf(va.amount()).setScale(9, RoundingMode.HALF_EVEN),
                    total <= 0 ? BigDecimal.ZERO : BigDecimal.valueOf(va.amount() / total).setScale(6, RoundingMode.HALF_EVEN)));
        }
        return list;
    }

    private static String topVenue(PolicyOutcome o) {
        if (o.deleverage() != null) {
            return o.deleverage();
        }
        return o.result() == null ? null : o.result().allocations().stream().max(Comparator.comparingDouble(VenueAllocation::amount))
                .map(VenueAllocation::venue).orElse(null);
    }

    private static BigDecimal gainBps(PolicyOutcome o, Portfolio p) {
        double total = p.totalFundamental().doubleValue();
        if (o.problem() == null || total <= 0) {
            return BigDecimal.ZERO;
        }
        double net = (o.gainEth() - o.costEth()) / total / o.problem().horizonYears() * 10_000;
        return BigDecimal.valueOf(net).setScale(4, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal eth(double v) {
        return BigDecimal.valueOf(v).setScale(9, RoundingMode.HALF_EVEN);
    }
}

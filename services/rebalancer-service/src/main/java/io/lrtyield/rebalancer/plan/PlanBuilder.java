package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.common.lending.morpho.MorphoVenue;
import io.lrtyield.rebalancer.execution.EntryRoutes;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.EigenLayerCalls;
import io.lrtyield.rebalancer.execution.venue.EigenWithdrawal;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.EtherFiWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.venue.MorphoCalls;
import io.lrtyield.rebalancer.execution.venue.PendleCalls;
import io.lrtyield.rebalancer.execution.venue.WethCalls;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Target allocation → ordered vault actions: every exit first (they free ETH/WETH), then WETH unwrapped to the ETH the
 * entries need, then the entries, each sized so that the ETH counted on is what the exits guarantee (their min-outs).
 * Routes are those the devnet/mainnet allowlist permits.
 * <ul>
 *   <li>Out ({@link ExitRoutes}): wstETH through unwrap + Curve stETH/WETH, or — when the decision priced its exit as
 *       the queue ({@link Move#exit()} QUEUE) and the venue names {@code withdrawalQueue} — through Lido's withdrawal
 *       queue, which like EigenLayer's only starts the exit (said in {@link BuiltPlan#skipped()}, not counted); weETH through unwrap + Curve eETH/WETH;
 *       rETH through {@code burn} (ETH at the protocol rate); pufETH through ERC-4626 {@code redeem} (WETH); Pendle PT
 *       through {@code swapExactPtForToken} then the weETH route; Aave WETH supply withdraw; a Morpho Blue WETH supply
 *       {@code withdraw} (by shares for a full exit, {@link #exitMorpho}); the wstETH loop through
 *       {@link LoopUnwinder}: a trim (under 95 % of its equity) takes that equity out at the loop's leverage
 *       ({@link LoopUnwinder#reduce}), freeing WETH for the entries; a full exit unwinds it whole; EigenLayer through {@code queueWithdrawals}, which only starts the exit: its stETH arrives
 *       after the withdrawal delay, so it is said in {@link BuiltPlan#skipped()} and not counted for the entries.
 *       ezETH and rsETH leave by their issuers' withdrawal queues (Renzo's WithdrawQueue, Kelp's LRTWithdrawalManager)
 *       where the venue names one ({@code withdrawalQueue}): the devnet gives the vault no DEX route for them (its Uniswap
 *       pools are real but priced only; the vault's allowlist opens no swap there); the request only starts the exit, said in {@link BuiltPlan#skipped()} and not counted. weETH
 *       leaves by ether.fi's WithdrawRequestNFT instead of Curve when the decision priced its exit as the queue (or the
 *       chain has no eETH pool) and the venue names it, likewise only started and not counted.</li>
 *   <li>In: Lido submit + wrap, ether.fi deposit + wrap, WETH supply (Aave, or Morpho Blue's {@code supply} for the
 *       vault), the Rocket Pool, Renzo, Kelp and Puffer deposits,
 *       the wstETH loop through {@link LoopEntry} (stake, wrap, supply, eMode, then borrow turns that keep HF ≥ the
 *       minimum), Pendle PT (ether.fi deposit + wrap, then {@code swapExactTokenForPt}) and EigenLayer (Lido submit,
 *       then {@code depositIntoStrategy} into the stETH strategy).</li>
 * </ul>
 * Expected amounts and min-outs come from fundamental rates (ETH per token from the price service) and the max
 * slippage, never from the pool traded against. Pendle PT: buying counts on PT ≥ the weETH paid less the slippage
 * (before expiry a PT never costs more than its underlying, whatever the implied rate); selling needs the PT price —
 * weETH per PT from the implied rate of the yield data — and sells for at least that less the slippage. A venue
 * without a route is reported in {@link BuiltPlan#skipped()}; the policy does not ask for moves it cannot route
 * ({@link #canEnter}, {@link #canExit}).
 */
public final class PlanBuilder {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    /** A loop exit of at least this share of its equity unwinds it whole; a smaller one reduces it at its leverage. */
    static final long FULL_EXIT_PERCENT = 95;

    /**
     * One move: positive amount enters the venue, negative leaves it; wei of ETH value at fundamental prices.
     *
     * @param exit the exit route the decision priced for the venue (null: the builder's default route); QUEUE sends a
     *             wstETH exit through Lido's withdrawal queue where the venue names one
     */
    public record Move(Venue venue, BigInteger ethWei, ExitRoute.Kind exit) {

        public Move(Venue venue, BigInteger ethWei) {
            this(venue, ethWei, null);
        }
    }

    private final PlanAddresses a;
    private final String vault;
    private final PlanSettings settings;
    private final AaveCalls aave;
    private final WethCalls weth;
    private final LiquidStakingDepositCalls deposits;
    private final EntryRoutes routes;
    private final ExitRoutes exits;

    /** The health factor a deleverage stops at unless the policy names another. */
    public BigDecimal targetHealthFactor() {
        return settings.targetHealthFactor();
    }

    public PlanBuilder(PlanAddresses addresses, String vault, PlanSettings settings) {
        this.a = addresses;
        this.vault = vault;
        this.settings = settings;
        this.aave = new AaveCalls(addresses.aavePool(), vault);
        this.weth = new WethCalls(addresses.weth());
        this.deposits = new LiquidStakingDepositCalls(vault);
        this.routes = new EntryRoutes(addresses.entryRoutes(), vault);
        this.exits = new ExitRoutes(addresses, vault, settings.maxSlippageBps());
    }

    public boolean canEnter(Venue v) {
        return switch (v.venueKind()) {
            case IDLE -> true;
            case LENDING_SUPPLY -> lendingRoute(v);
            case NATIVE_STAKING -> ("wstETH".equals(v.asset()) && a.wstETH() != null) || ("rETH".equals(v.asset()) && a.rocketDepositPool() != null);
            case RESTAKING_TOKEN -> switch (v.asset()) {
                case "weETH" -> a.etherfiLiquidityPool() != null;
                case "ezETH" -> a.renzoRestakeManager() != null;
                case "rsETH" -> a.kelpDepositPool() != null;
                case "pufETH" -> a.pufETH() != null;
                default -> false;
            };
            case LEVERAGED_LOOP -> wstEthLoop(v) && v.param("targetLtv").isPresent() && v.param("liquidationThreshold").isPresent();
            case FIXED_YIELD_PT -> "weETH".equals(v.asset()) && a.pendleMarket() != null && a.etherfiLiquidityPool() != null;
            case EIGENLAYER_STRATEGY -> "stETH".equals(v.asset()) && a.eigenStrategyManager() != null && a.eigenStEthStrategy() != null;
            default -> false;
        };
    }

    public boolean canExit(Venue v) {
        return switch (v.venueKind()) {
            case IDLE -> true;
            case LENDING_SUPPLY -> lendingRoute(v);
            case NATIVE_STAKING -> ("wstETH".equals(v.asset()) && (a.curveStEthPool() != null || lidoQueue(v)))
                    || ("rETH".equals(v.asset()) && a.rETH() != null);
            case RESTAKING_TOKEN -> ("weETH".equals(v.asset()) && (a.curveEEthPool() != null || etherfiQueue(v)))
                    || ("pufETH".equals(v.asset()) && a.pufETH() != null) || lrtQueue(v);
            case LEVERAGED_LOOP -> wstEthLoop(v) && a.curveStEthPool() != null;
            case FIXED_YIELD_PT -> "weETH".equals(v.asset()) && a.pendleMarket() != null && a.pendlePt() != null && a.curveEEthPool() != null;
            case EIGENLAYER_STRATEGY -> "stETH".equals(v.asset()) && a.eigenDelegationManager() != null && a.eigenStEthStrategy() != null;
            default -> false;
        };
    }

    /**
     * How many transactions entering {@code v} takes, counted on the route itself: a nominal 1-ETH entry built at
     * rates of 1 (the count does not depend on the size, and for a loop only on its target LTV, max LTV and the
     * minimum HF). The policy prices a trade's gas with it. 0 for a venue without an entry route.
     */
    public int entryActions(Venue v) {
        if (v.venueKind() == VenueKind.IDLE || !canEnter(v)) {
            return 0;
        }
        Map<String, BigDecimal> nominal = new java.util.HashMap<>();
        for (String asset : List.of("wstETH", "weETH", "rETH", "ezETH", "rsETH", "pufETH", v.asset(), v.id())) {
            nominal.put(asset, BigDecimal.ONE);
        }
        return build(List.of(new Move(v, E18)), nominal, E18, BigInteger.ZERO, null).actions().size();
    }

    /**
     * WETH supplied to the Aave pool, or — a venue that names a Morpho Blue market ({@link MorphoVenue}) — to that market,
     * whose parameters the catalogue gave.
     */
    private boolean lendingRoute(Venue v) {
        if (!"WETH".equals(v.asset()) || a.weth() == null) {
            return false;
        }
        return MorphoVenue.isMorpho(v) ? a.morpho(v.id()) != null : a.aavePool() != null;
    }

    /** The venue names Lido's withdrawal queue ({@code withdrawalQueue}) and the catalogue has its contract. */
    private boolean lidoQueue(Venue v) {
        return "wstETH".equals(v.asset()) && v.param("withdrawalQueue").isPresent() && a.lidoWithdrawalQueue() != null;
    }

    /**
     * {@code claimWithdrawal} actions for Lido withdrawal requests the vault owns that are finalized and not claimed, to
     * run first in a plan. A claim rides along with the next plan rather than making one of its own: the ETH is safe in
     * the queue until then and earns nothing either way, and a plan of its own would need its own trigger and cooldown.
     * The claimed ETH is not counted for the plan's entries (the amount is the queue's to say); the next plan spends it.
     */
    public List<PlannedAction> claimLidoWithdrawals(String venueId, List<BigInteger> finalizedRequestIds) {
        List<PlannedAction> out = new ArrayList<>();
        if (a.lidoWithdrawalQueue() != null && !finalizedRequestIds.isEmpty()) {
            exits.claimLidoWithdrawals(venueId, finalizedRequestIds, out);
        }
        return out;
    }

    /** weETH whose venue names ether.fi's WithdrawRequestNFT ({@code withdrawalQueue}) and the catalogue has it and the pool. */
    private boolean etherfiQueue(Venue v) {
        return "weETH".equals(v.asset()) && v.param("withdrawalQueue").isPresent() && a.etherfiWithdrawRequestNFT() != null
                && a.etherfiLiquidityPool() != null && a.eETH() != null && a.weETH() != null;
    }

    /**
     * The venue names its issuer's withdrawal queue ({@code withdrawalQueue}) and the catalogue has the contract and
     * token: Renzo's WithdrawQueue for ezETH, Kelp's LRTWithdrawalManager for rsETH.
     */
    private boolean lrtQueue(Venue v) {
        if (v.param("withdrawalQueue").isEmpty()) {
            return false;
        }
        return switch (v.asset()) {
            case "ezETH" -> a.ezETH() != null && a.renzoWithdrawQueue() != null;
            case "rsETH" -> a.rsETH() != null && a.kelpWithdrawalManager() != null;
            default -> false;
        };
    }

    /**
     * Claims of the vault's ezETH / rsETH withdrawals that are claimable now, to run first in a plan (as Lido's, see
     * {@link #claimLidoWithdrawals}). Renzo: {@code claim(index, vault)} from the highest index down (a claim moves the
     * last request into the claimed index); Kelp: one {@code completeWithdrawal} per claimable request, each paying the
     * vault's oldest (claimable requests are the oldest ones: unlocks go in order and the delay is the same for all);
     * ether.fi (weETH): one {@code claimWithdraw(tokenId)} per finalized request NFT, oldest id first.
     *
     * @param asset             ezETH, rsETH or weETH
     * @param claimableIndexes  the claimable requests' indexes in the queue's list of the vault's requests (weETH: the
     *                          request NFTs' token ids)
     */
    public List<PlannedAction> claimLrtWithdrawals(String venueId, String asset, List<Integer> claimableIndexes) {
        List<PlannedAction> out = new ArrayList<>();
        if ("ezETH".equals(asset) && a.renzoWithdrawQueue() != null) {
            claimableIndexes.stream().sorted(java.util.Comparator.reverseOrder()).forEach(i -> out.add(PlannedAction.of(venueId, "CLAIM_WITHDRAWAL",
                    io.lrtyield.rebalancer.execution.venue.LrtWithdrawalQueueCalls.renzoClaim(a.renzoWithdrawQueue(), i, vault))));
        } else if ("rsETH".equals(asset) && a.kelpWithdrawalManager() != null) {
            claimableIndexes.forEach(i -> out.add(PlannedAction.of(venueId, "CLAIM_WITHDRAWAL",
                    io.lrtyield.rebalancer.execution.venue.LrtWithdrawalQueueCalls.kelpCompleteWithdrawal(a.kelpWithdrawalManager()))));
        } else if ("weETH".equals(asset) && a.etherfiWithdrawRequestNFT() != null) {
            claimableIndexes.stream().sorted().forEach(id -> out.add(PlannedAction.of(venueId, "CLAIM_WITHDRAWAL",
                    EtherFiWithdrawalQueueCalls.claimWithdraw(a.etherfiWithdrawRequestNFT(), BigInteger.valueOf(id)))));
        }
        return out;
    }

    /**
     * Completes the vault's EigenLayer withdrawals whose delay passed ({@code completeQueuedWithdrawals}, receiving
     * the strategy's stETH) and wraps the stETH into wstETH, where the next decision finds it as a lido-wsteth position
     * rather than a token no venue holds: approve the stETH to wstETH, {@code wrap}, reset. To run first in a plan.
     *
     * @param stEthExpected the stETH they pay (shares × the strategy's rate); the wrap takes it less 2 wei of share rounding
     */
    public List<PlannedAction> completeEigenWithdrawals(String venueId, List<EigenWithdrawal> withdrawals, BigInteger stEthExpected) {
        List<PlannedAction> out = new ArrayList<>();
        if (withdrawals.isEmpty() || a.eigenDelegationManager() == null || a.eigenStEthStrategy() == null) {
            return out;
        }
        EigenLayerCalls eigen = new EigenLayerCalls(a.eigenStrategyManager(), a.eigenDelegationManager(), vault);
        out.add(new PlannedAction(venueId, "COMPLETE_WITHDRAWAL", eigen.completeQueuedWithdrawals(withdrawals,
                withdrawals.stream().map(w -> w.strategies().stream().map(s -> a.stETH()).toList()).toList(), true),
                stEthExpected, stEthExpected));
        BigInteger wrap = stEthExpected.subtract(EntryRoutes.REBASE_ROUNDING_WEI);
        if (wrap.signum() > 0 && a.wstETH() != null) {
            out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.stETH(), a.wstETH(), wrap)));
            out.add(new PlannedAction(venueId, "WRAP", new LidoCalls(a.stETH(), a.wstETH()).wrap(wrap), wrap, wrap));
            out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.stETH(), a.wstETH())));
        }
        return out;
    }

    private boolean wstEthLoop(Venue v) {
        return "wstETH".equals(v.asset()) && "WETH".equals(v.param("borrowAsset").orElse("")) && a.aavePool() != null && a.wstETH() != null;
    }

    /**
     * @param moves        trades from the optimizer, in wei of ETH value
     * @param ethPerToken  fundamental ETH per token (wstETH, weETH, rETH, ezETH, rsETH, pufETH), 18-decimal; and, keyed by
     *                     venue id, a position's own rate where it has one: a Pendle PT venue's PT price (underlying per
     *                     PT, from the implied rate), an EigenLayer venue's stETH per deposit share. Without it that
     *                     venue's exit is skipped.
     * @param idleEthWei   native ETH in the vault now
     * @param idleWethWei  WETH in the vault now
     * @param loop         the vault's loop, when a loop move is among the moves (null when it has none)
     */
    public BuiltPlan build(List<Move> moves, Map<String, BigDecimal> ethPerToken, BigInteger idleEthWei, BigInteger idleWethWei,
                           LoopState loop) {
        return build(moves, ethPerToken, idleEthWei, idleWethWei, loop, Map.of());
    }

    /**
     * As {@link #build(List, Map, BigInteger, BigInteger, LoopState)}, each exit bounded by what the vault holds.
     *
     * @param held what the vault holds of each venue at the plan's block, in the unit its exit spends, by venue id: the
     *             token (wstETH, weETH, rETH, ezETH, rsETH, pufETH), the PT, the WETH aToken, the EigenLayer deposit
     *             shares, a Morpho market's supply shares. An exit never spends more ({@link #bounded}); a venue absent from it is not bounded.
     */
    public BuiltPlan build(List<Move> moves, Map<String, BigDecimal> ethPerToken, BigInteger idleEthWei, BigInteger idleWethWei,
                           LoopState loop, Map<String, BigInteger> held) {
        List<PlannedAction> actions = new ArrayList<>();
        List<DeleverageStep> steps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        BigInteger freedEth = BigInteger.ZERO;
        BigInteger freedWeth = BigInteger.ZERO;
        for (Move m : moves) {
            Venue v = m.venue();
            if (m.ethWei().signum() >= 0 || v.venueKind() == VenueKind.IDLE) {
                continue;
            }
            if (!canExit(v)) {
                skipped.add(v.id() + ": " + noExitReason(v));
                continue;
            }
            BigInteger out = m.ethWei().negate();
            switch (v.venueKind()) {
                case LENDING_SUPPLY -> {
                    MorphoVenue morpho = a.morpho(v.id());
                    if (morpho != null) {
                        freedWeth = freedWeth.add(exitMorpho(v, morpho, out, ethPerToken, held, actions, skipped));
                        continue;
                    }
                    out = bounded(v, out, out, BigDecimal.ONE, held, skipped);
                    if (out.signum() == 0) {
                        continue;
                    }
                    actions.add(new PlannedAction(v.id(), "WITHDRAW", aave.withdraw(a.weth(), out), out, out));
                    freedWeth = freedWeth.add(out);
                }
                case NATIVE_STAKING, RESTAKING_TOKEN -> {
                    BigDecimal rate = rate(ethPerToken, v.asset());
                    BigInteger tokens = bounded(v, tokens(out, rate), out, rate, held, skipped);
                    if (tokens.signum() == 0) {
                        continue;
                    }
                    boolean queue = lidoQueue(v) && (m.exit() == ExitRoute.Kind.QUEUE || a.curveStEthPool() == null);
                    if (queue) {
                        BigInteger requested = exits.queueLidoWithdrawal(v.id(), tokens, toWad(rate), actions);
                        skipped.add(v.id() + ": " + (requested.signum() == 0 ? "exit below the queue's 100 wei minimum, not queued"
                                : requested + " wei stETH queued in Lido's withdrawal queue; its ETH is claimable after finalization (~"
                                + v.withdrawalDelaySeconds() + " s) and is not counted for this plan's entries"));
                        continue;
                    }
                    if (etherfiQueue(v) && (m.exit() == ExitRoute.Kind.QUEUE || a.curveEEthPool() == null)) {
                        BigInteger requested = exits.queueEtherFiWithdrawal(v.id(), tokens, toWad(rate), actions);
                        skipped.add(v.id() + ": " + (requested.signum() == 0 ? "exit too small to queue, not queued"
                                : requested + " wei eETH queued in ether.fi's WithdrawRequestNFT; its ETH is claimable after finalization (~"
                                + v.withdrawalDelaySeconds() + " s) and is not counted for this plan's entries"));
                        continue;
                    }
                    if (lrtQueue(v)) {
                        BigInteger eth = exits.queueLrtWithdrawal(v.id(), v.asset(), tokens, toWad(rate), actions);
                        skipped.add(v.id() + ": " + tokens + " wei " + v.asset() + " queued in " + ("ezETH".equals(v.asset())
                                ? "Renzo's WithdrawQueue" : "Kelp's LRTWithdrawalManager") + " for ~" + eth + " wei ETH, claimable after ~"
                                + v.withdrawalDelaySeconds() + " s; not counted for this plan's entries");
                        continue;
                    }
                    switch (v.asset()) {
                        case "rETH" -> freedEth = freedEth.add(exits.burnReth(v.id(), tokens, toWad(rate), actions));
                        case "pufETH" -> freedWeth = freedWeth.add(exits.redeemPufEth(v.id(), tokens, toWad(rate), actions));
                        default -> freedWeth = freedWeth.add(exits.unwrapAndSell(v.id(), tokens, toWad(rate), "wstETH".equals(v.asset()), actions));
                    }
                }
                case LEVERAGED_LOOP -> {
                    if (loop == null) {
                        skipped.add(v.id() + ": no loop position to unwind");
                        continue;
                    }
                    BigInteger stEthPerWstEth = toWad(rate(ethPerToken, "wstETH"));
                    LoopUnwinder unwinder = new LoopUnwinder(a, vault, settings);
                    BigInteger equity = loop.collateralWei().multiply(stEthPerWstEth).divide(E18).subtract(loop.debtWei());
                    if (equity.signum() > 0 && out.multiply(BigInteger.valueOf(100)).compareTo(equity.multiply(BigInteger.valueOf(FULL_EXIT_PERCENT))) < 0) {
                        // a trim takes its equity out at the loop's leverage; only a (near) full exit unwinds the whole loop
                        LoopUnwinder.Reduction r = unwinder.reduce(v.id(), loop, out, stEthPerWstEth);
                        actions.addAll(r.plan().actions());
                        steps.addAll(r.plan().steps());
                        skipped.addAll(r.plan().skipped());
                        freedWeth = freedWeth.add(r.freedWeth());
                        continue;
                    }
                    BuiltPlan unwind = unwinder.unwind(v.id(), loop, BigInteger.ZERO, BigInteger.ZERO, stEthPerWstEth, true);
                    actions.addAll(unwind.actions());
                    steps.addAll(unwind.steps());
                    skipped.addAll(unwind.skipped());
                }
                case FIXED_YIELD_PT -> {
                    BigDecimal ptPrice = ethPerToken.get(v.id());
                    if (ptPrice == null || ptPrice.signum() <= 0) {
                        skipped.add(v.id() + ": no PT price (implied rate) to bound the sale; PT not sold");
                        continue;
                    }
                    // the portfolio values a PT at its redemption value, one weETH: that is how many PT the move is
                    BigDecimal weEth = rate(ethPerToken, "weETH");
                    BigInteger pt = bounded(v, tokens(out, weEth), out, weEth, held, skipped);
                    if (pt.signum() == 0) {
                        continue;
                    }
                    freedWeth = freedWeth.add(exits.sellPt(v.id(), pt, toWad(ptPrice), toWad(weEth), actions));
                }
                case EIGENLAYER_STRATEGY -> {
                    BigDecimal perShare = ethPerToken.get(v.id());
                    if (perShare == null || perShare.signum() <= 0) {
                        skipped.add(v.id() + ": no stETH-per-share rate of the strategy; withdrawal not queued");
                        continue;
                    }
                    // deposit shares, what queueWithdrawals removes: more than the vault has reverts (SharesAmountTooHigh)
                    BigInteger shares = bounded(v, tokens(out, perShare), out, perShare, held, skipped);
                    if (shares.signum() == 0) {
                        continue;
                    }
                    exits.queueEigenWithdrawal(v.id(), shares, actions);
                    skipped.add(v.id() + ": withdrawal of " + shares + " shares queued; its stETH arrives after the "
                            + v.withdrawalDelaySeconds() + " s delay (completeQueuedWithdrawals) and is not counted for this plan's entries");
                }
                default -> skipped.add(v.id() + ": no exit route");
            }
        }
        BigInteger needEth = moves.stream().filter(m -> m.ethWei().signum() > 0 && m.venue().venueKind() != VenueKind.IDLE)
                .map(Move::ethWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger wethAvailable = idleWethWei.add(freedWeth);
        BigInteger ethAvailable = idleEthWei.add(freedEth);
        if (needEth.compareTo(ethAvailable) > 0 && wethAvailable.signum() > 0) {
            BigInteger unwrap = needEth.subtract(ethAvailable).min(wethAvailable);
            actions.add(new PlannedAction("idle-eth", "UNWRAP_WETH", weth.withdraw(unwrap), unwrap, unwrap));
            ethAvailable = ethAvailable.add(unwrap);
        }
        for (Move m : moves) {
            if (m.ethWei().signum() <= 0 || m.venue().venueKind() == VenueKind.IDLE) {
                continue;
            }
            if (!canEnter(m.venue())) {
                skipped.add(m.venue().id() + ": no allowlisted entry route");
                continue;
            }
            BigInteger in = m.ethWei().min(ethAvailable);
            if (in.signum() <= 0) {
                skipped.add(m.venue().id() + ": no ETH left for the entry (exits guarantee less than planned)");
                continue;
            }
            ethAvailable = ethAvailable.subtract(in);
            if (m.venue().venueKind() == VenueKind.LEVERAGED_LOOP) {
                BuiltPlan entry = new LoopEntry(a, vault, settings).enter(m.venue().id(), in, loop, toWad(rate(ethPerToken, "wstETH")),
                        loopParams(m.venue()));
                actions.addAll(entry.actions());
                steps.addAll(entry.steps());
                skipped.addAll(entry.skipped());
            } else {
                enter(m.venue(), in, ethPerToken, actions);
            }
        }
        return new BuiltPlan(actions, steps, skipped);
    }

    /**
     * The units an exit spends, at most what the vault holds ({@code held}, read at the plan's block): a call that spends
     * more reverts (EigenLayer's {@code SharesAmountTooHigh}, an ERC-20 transfer or burn beyond the balance) and with it
     * the whole plan's simulation. An exit worth at least the whole holding at {@code perUnit} takes all of it, so a full
     * exit leaves no dust to the rounding of ETH into units. A bound that cuts the exit is said in the skipped notes;
     * 0 (nothing held) means no exit.
     */
    static BigInteger bounded(Venue v, BigInteger units, BigInteger out, BigDecimal perUnit, Map<String, BigInteger> held,
                              List<String> skipped) {
        BigInteger h = held.get(v.id());
        if (h == null) {
            return units;
        }
        if (h.signum() <= 0) {
            skipped.add(v.id() + ": nothing held at the plan's block; not exited");
            return BigInteger.ZERO;
        }
        if (units.compareTo(h) > 0) {
            skipped.add(v.id() + ": exit of " + units + " asked for more than the " + h + " held at the plan's block; clamped to " + h);
            return h;
        }
        BigInteger worth = new BigDecimal(h).multiply(perUnit).setScale(0, RoundingMode.DOWN).toBigInteger();
        return out.compareTo(worth) >= 0 ? h : units;
    }

    /**
     * Leaves a Morpho Blue market; the WETH it frees. {@code held} is the vault's supply shares and {@code ethPerToken} (by
     * venue id) the WETH one share is worth at the plan's block, rounded down: an exit worth the whole position burns every
     * share ({@code withdraw} by shares: no dust left, and the WETH counted is the shares' value at the block, which interest
     * only raises by the time it runs); a smaller one withdraws exactly its WETH (Morpho burns the shares it rounds up to).
     * Without the share rate the exit withdraws its WETH, exact either way.
     */
    private BigInteger exitMorpho(Venue v, MorphoVenue market, BigInteger out, Map<String, BigDecimal> ethPerToken,
                                  Map<String, BigInteger> held, List<PlannedAction> actions, List<String> skipped) {
        MorphoCalls morpho = new MorphoCalls(market.morpho(), market.params(), vault);
        BigDecimal perShare = ethPerToken.get(v.id());
        if (perShare == null || perShare.signum() <= 0) {
            actions.add(new PlannedAction(v.id(), "WITHDRAW", morpho.withdraw(out), out, out));
            return out;
        }
        BigInteger shares = bounded(v, tokens(out, perShare), out, perShare, held, skipped);
        if (shares.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (shares.equals(held.get(v.id()))) {
            BigInteger assets = new BigDecimal(shares).multiply(perShare).setScale(0, RoundingMode.DOWN).toBigInteger();
            actions.add(new PlannedAction(v.id(), "WITHDRAW", morpho.withdrawShares(shares), assets, assets));
            return assets;
        }
        actions.add(new PlannedAction(v.id(), "WITHDRAW", morpho.withdraw(out), out, out));
        return out;
    }

    private String noExitReason(Venue v) {
        return switch (v.asset()) {
            case "ezETH", "rsETH" -> "no allowlisted exit route (no " + v.asset() + " pool on this chain and no withdrawal queue in the catalogue)";
            default -> "no allowlisted exit route";
        };
    }

    /** targetLtv and liquidationThreshold from the catalogue; maxLtv (default targetLtv) and eModeCategory (default 1, ETH-correlated) optional. */
    static LoopEntry.Params loopParams(Venue v) {
        BigDecimal target = v.decimalParam("targetLtv", null);
        return new LoopEntry.Params(target, v.decimalParam("maxLtv", target), v.decimalParam("liquidationThreshold", null),
                Integer.parseInt(v.param("eModeCategory").orElse("1")));
    }

    private void enter(Venue v, BigInteger eth, Map<String, BigDecimal> ethPerToken, List<PlannedAction> out) {
        String id = v.id();
        int slippage = settings.maxSlippageBps();
        switch (v.venueKind()) {
            case FIXED_YIELD_PT -> {
                List<PlannedAction> weEth = routes.depositAndWrapWeEth(id, eth, toWad(rate(ethPerToken, "weETH")), slippage);
                out.addAll(weEth);
                BigInteger paid = weEth.get(2).minOut();
                BigDecimal ptPrice = ethPerToken.get(id);
                BigInteger expectedPt = ptPrice == null || ptPrice.signum() <= 0 ? paid : tokens(paid, ptPrice);
                out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.weETH(), a.pendleMarket(), paid)));
                out.add(new PlannedAction(id, "BUY_PT", new PendleCalls(a.pendleMarket(), vault).buyPt(paid, minOut(paid)), expectedPt, minOut(paid)));
                out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.weETH(), a.pendleMarket())));
                return;
            }
            case EIGENLAYER_STRATEGY -> {
                BigInteger stEth = eth.subtract(EntryRoutes.REBASE_ROUNDING_WEI);
                BigDecimal perShare = ethPerToken.get(id);
                BigInteger shares = perShare == null || perShare.signum() <= 0 ? null : tokens(stEth, perShare);
                var eigen = new EigenLayerCalls(a.eigenStrategyManager(), a.eigenDelegationManager(), vault);
                out.add(new PlannedAction(id, "STAKE", new LidoCalls(a.stETH(), a.wstETH()).submit(eth), eth, stEth));
                out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.stETH(), a.eigenStrategyManager(), stEth)));
                out.add(new PlannedAction(id, "DEPOSIT", eigen.depositIntoStrategy(a.eigenStEthStrategy(), a.stETH(), stEth), shares,
                        shares == null ? null : minOut(shares)));
                out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.stETH(), a.eigenStrategyManager())));
                return;
            }
            default -> {
            }
        }
        MorphoVenue market = v.venueKind() == VenueKind.LENDING_SUPPLY ? a.morpho(id) : null;
        if (market != null) {
            out.add(new PlannedAction(id, "WRAP", weth.deposit(eth), eth, eth));
            out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.weth(), market.morpho(), eth)));
            out.add(new PlannedAction(id, "SUPPLY", new MorphoCalls(market.morpho(), market.params(), vault).supply(eth), eth, eth));
            out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.weth(), market.morpho())));
            return;
        }
        switch (v.asset()) {
            case "WETH" -> {
                out.add(new PlannedAction(id, "WRAP", weth.deposit(eth), eth, eth));
                out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.weth(), a.aavePool(), eth)));
                out.add(new PlannedAction(id, "SUPPLY", aave.supply(a.weth(), eth), eth, eth));
                out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.weth(), a.aavePool())));
            }
            case "wstETH" -> out.addAll(routes.stakeAndWrap(id, eth, toWad(rate(ethPerToken, "wstETH")), slippage));
            case "weETH" -> out.addAll(routes.depositAndWrapWeEth(id, eth, toWad(rate(ethPerToken, "weETH")), slippage));
            default -> {
                BigInteger t = tokens(eth, rate(ethPerToken, v.asset()));
                var call = switch (v.asset()) {
                    case "rETH" -> deposits.rocketPoolDeposit(a.rocketDepositPool(), eth);
                    case "ezETH" -> deposits.renzoDepositEth(a.renzoRestakeManager(), eth);
                    case "rsETH" -> deposits.kelpDepositEth(a.kelpDepositPool(), eth, minOut(t));
                    default -> deposits.pufferDepositEth(a.pufETH(), eth);
                };
                out.add(new PlannedAction(id, "STAKE", call, t, minOut(t)));
            }
        }
    }

    private BigInteger minOut(BigInteger expected) {
        return EntryRoutes.minOut(expected, settings.maxSlippageBps());
    }

    private static BigDecimal rate(Map<String, BigDecimal> ethPerToken, String asset) {
        BigDecimal r = ethPerToken.get(asset);
        if (r == null || r.signum() <= 0) {
            throw new IllegalArgumentException("no fundamental rate for " + asset);
        }
        return r;
    }

    /** Tokens worth {@code ethWei} at {@code ethPerToken}, rounded down. */
    static BigInteger tokens(BigInteger ethWei, BigDecimal ethPerToken) {
        return new BigDecimal(ethWei).divide(ethPerToken, 0, RoundingMode.DOWN).toBigInteger();
    }

    static BigInteger toWad(BigDecimal rate) {
        return rate.movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
    }
}

package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.QuoteFlag;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.lrtyield.rebalancer.risk.Incidents;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.StressScenario;
import io.lrtyield.rebalancer.risk.StressTester;
import io.lrtyield.strategy.optimizer.AllocationOptimizer;
import io.lrtyield.strategy.optimizer.AllocationProblem;
import io.lrtyield.strategy.optimizer.AllocationResult;
import io.lrtyield.strategy.optimizer.GroupCap;
import io.lrtyield.strategy.optimizer.LiquidityReserve;
import io.lrtyield.strategy.optimizer.TradeCost;
import io.lrtyield.strategy.optimizer.VenueAllocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One decision per snapshot. In order:
 * <ol>
 *   <li><b>Emergency deleverage</b>: a loop whose health factor is below the trigger, or whose collateral (or what it
 *       is built on) has an active CRITICAL depeg alert, is deleveraged now — no cooldown, no gain test; the plan
 *       builder still keeps HF ≥ min on every step and min-outs from fundamental prices, and a collateral price that
 *       is STALE/UNSAFE still blocks every step that would sell collateral (only idle ETH repays then).</li>
 *   <li><b>Circuit breaker</b>: a venue whose asset price is STALE, UNSAFE or missing is left out of the problem and its
 *       current amount is held where it is; the decision's reason starts with
 *       {@code circuit breaker: <venue> excluded, <asset> <STATUS> (<why>)}. Venues without a trusted quote, or that
 *       the plan builder cannot route, are held or capped likewise.</li>
 *   <li><b>Problem</b>: net APY and its decay with size (slope of the quote's size curve), λ·risk score, caps
 *       (per venue, per protocol, per underlying staking token, per risk tier, per EigenLayer operator and per AVS weighted
 *       by each venue's on-chain exposure; a loop whose stressed HF at its target
 *       leverage falls below the minimum gets cap 0), exit-liquidity caps from the quotes, a liquidity reserve
 *       redeemable within D days, costs (gas per action at the configured gas price, linear and quadratic slippage,
 *       minimum trade).</li>
 *   <li><b>Incidents</b> ({@link Incidents}: slashing, rate decrease, upgrade, pause): every venue on the subject is capped
 *       to 0 until an admin acknowledges it, and a position in it is exited at once (no margin test, no cooldown) by its
 *       cheapest route, unless an admin said to hold it (then capped at its current amount).</li>
 *   <li><b>Hysteresis</b>: REBALANCE only if the optimizer trades, gain ≥ cost·(1 + margin) + minGain, and the
 *       cooldown since the last plan has passed; otherwise HOLD with the reason.</li>
 * </ol>
 */
public final class DecisionPolicy {

    /** Combinations of one rung per loop solved exhaustively; beyond, loop by loop. */
    static final int MAX_RUNG_COMBINATIONS = 64;

    private final Catalogue catalogue;
    private final PolicySettings settings;
    private final RiskScorer scorer;
    private final StressTester stress;
    private final PlanBuilder routes;
    private final BigDecimal minStressedHf;
    private final AllocationOptimizer optimizer = new AllocationOptimizer();
    private final Map<String, Integer> actionCounts = new java.util.concurrent.ConcurrentHashMap<>();
    /** Since which block each venue has been left out for missing or stale data (a price or quote that may come back). */
    private final Map<String, Long> waitingSince = new java.util.concurrent.ConcurrentHashMap<>();

    public DecisionPolicy(Catalogue catalogue, PolicySettings settings, RiskScorer scorer, StressTester stress, PlanBuilder routes,
                          BigDecimal minStressedHf) {
        this.catalogue = catalogue;
        this.settings = settings;
        this.scorer = scorer;
        this.stress = stress;
        this.routes = routes;
        this.minStressedHf = minStressedHf;
    }

    public PolicyOutcome decide(MarketState s) {
        long now = s.portfolio().blockTimestamp();
        Map<String, String> excluded = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        // 1. emergency
        for (VenuePosition p : s.portfolio().positions()) {
            Venue v = catalogue.venue(p.venueId()).orElse(null);
            if (v == null || v.venueKind() != VenueKind.LEVERAGED_LOOP || p.healthFactor() == null) {
                continue;
            }
            String depegged = lineage(v.asset()).stream().filter(s.alerts()::criticalDepeg).findFirst().orElse(null);
            if (p.healthFactor().compareTo(settings.hfTrigger()) < 0) {
                String why = "health factor " + p.healthFactor().stripTrailingZeros().toPlainString() + " < trigger " + settings.hfTrigger();
                return new PolicyOutcome(PolicyOutcome.DELEVERAGE, "emergency deleverage of " + v.id() + ": " + why
                        + " (cooldown skipped, every step keeps HF ≥ the minimum)", excluded, null, null, 0, 0, Map.of(), v.id(), notes);
            }
            if (depegged != null) {
                // a live depeg: the loop is kept at least at the target HF (deleveraged to it when below, the sale bounded by the
                // market price); above it, it is held — selling collateral into the depeg would realise the discount, and the
                // health factor the lending market computes is what liquidates (the backtest's lst-discount scenario lost 7.5 %
                // of APY a year when loops were unwound whenever "oracle at market + a further 5 %" fell under 1)
                String hf = p.healthFactor().stripTrailingZeros().toPlainString();
                BigDecimal target = routes.targetHealthFactor();
                if (p.healthFactor().compareTo(target) < 0) {
                    return new PolicyOutcome(PolicyOutcome.DELEVERAGE, "emergency deleverage of " + v.id() + ": active CRITICAL DEPEG alert on "
                            + depegged + " and HF " + hf + " < target " + target + " (cooldown skipped, every step keeps HF ≥ the minimum)",
                            excluded, null, null, 0, 0, Map.of(), v.id(), notes);
                }
                notes.add(v.id() + ": active CRITICAL DEPEG alert on " + depegged + ", HF " + hf + " ≥ target " + target
                        + ": held, not sold into the depeg");
            }
        }
        // 2. circuit breaker and what can be traded
        double total = s.portfolio().totalFundamental().max(BigDecimal.ZERO).doubleValue();
        long atBlock = s.portfolio().blockNumber();
        List<io.lrtyield.strategy.optimizer.Venue> venues = new ArrayList<>();
        List<GroupCap> rungGroups = new ArrayList<>();
        Map<String, RiskScorer.Score> risk = new TreeMap<>();
        Map<String, VenueEconomics> economics = new TreeMap<>();
        List<String> breaker = new ArrayList<>();
        Map<String, Incidents.Incident> deRisk = new LinkedHashMap<>();
        for (Venue v : catalogue.venues()) {
            double current = s.portfolio().amountIn(v.id()).max(BigDecimal.ZERO).doubleValue();
            YieldQuote q = s.quotes().get(v.id());
            String block0 = priceBlock(v.asset(), s.prices(), atBlock, settings.maxPriceAgeBlocks());
            java.util.Optional<Incidents.Incident> incident = s.alerts().incidents().anyOf(lineage(v.asset()));
            // a position to exit after an incident leaves even on a flagged or old quote (its yield no longer matters,
            // only its exit route); never on a price the circuit breaker refuses
            boolean forcedExit = incident.isPresent() && !incident.get().hold() && current > 0;
            String why = block0 != null ? block0
                    : v.venueKind() == VenueKind.IDLE ? null
                    : q == null ? "no quote yet"
                    : forcedExit ? null
                    : !trusted(q) ? "quote flagged " + q.flags()
                    : quoteBlock(q, atBlock, settings.maxQuoteAgeBlocks());
            if (why == null && current > 0 && !routes.canExit(v)) {
                why = "no allowlisted exit route: held";
            }
            if (why == null && current == 0 && !routes.canEnter(v)) {
                why = "no allowlisted entry route";
            }
            if (why == null && current == 0 && !routes.canExit(v)) {
                // never enter what cannot be left: a position with no exit route is trapped capital
                why = "no allowlisted exit route: not entered";
            }
            if (why != null && transientData(why, block0)) {
                waitingSince.putIfAbsent(v.id(), atBlock);
            } else {
                waitingSince.remove(v.id());
            }
            if (why != null) {
                excluded.put(v.id(), why);
                if (block0 != null) {
                    breaker.add(v.id() + " excluded, " + block0);
                }
                continue;
            }
            RiskScorer.Score score = scorer.score(v, q, s.alerts().depegCount(v.asset(), now), current);
            risk.put(v.id(), score);
            double cap = settings.venueCaps().getOrDefault(v.id(), v.venueKind() == VenueKind.IDLE ? 1.0 : settings.venueCapFraction()) * total;
            if (!routes.canEnter(v)) {
                cap = Math.min(cap, current);
            }
            if (incident.isPresent()) {
                Incidents.Incident i = incident.get();
                cap = i.hold() ? Math.min(cap, current) : 0;
                notes.add(v.id() + ": capped to " + (i.hold() ? "its current amount (held by " + i.heldBy() + ")" : "0") + " after "
                        + i.severity() + " " + i.kind() + " on " + i.subject() + " at block " + i.blockNumber()
                        + " until an admin acknowledges it (POST /api/v1/admin/incidents/" + i.subject() + "/acknowledge)");
                if (forcedExit) {
                    deRisk.put(v.id(), i);
                }
            }
            double exitCap = q == null || q.risk().get("exitLiquidityEth") == null ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(q.risk().get("exitLiquidityEth"));
            VenueEconomics e = v.venueKind() == VenueKind.IDLE ? new VenueEconomics(0, 0, null) : VenueEconomics.of(q, Math.min(cap, total));
            economics.put(v.id(), e);
            if (v.venueKind() == VenueKind.LEVERAGED_LOOP) {
                addRungs(v, q, e, current, cap, exitCap, score.score(), s, notes, venues, rungGroups);
                continue;
            }
            // a venue already above its cap or exit cap can only be reduced: the bound must admit the current amount
            // for "hold" to be feasible, so it is kept at ≥ current only through the budget, not the bound
            venues.add(new io.lrtyield.strategy.optimizer.Venue(v.id(), current, withOurOwn(e.apy(), e.decayPerEth(), current),
                    e.decayPerEth(), score.score(), Math.max(cap, 0), Math.max(exitCap, 0), v.withdrawalDelaySeconds() / 86_400.0,
                    tradeCost(v, v, e.exitCostFraction())));
        }
        String prefix = breaker.isEmpty() ? "" : "circuit breaker: " + String.join("; ", breaker) + "; ";
        // a plan values the whole vault: while a held asset's price cannot be acted on, no new plan
        List<String> heldBlocked = new ArrayList<>();
        for (VenuePosition p : s.portfolio().positions()) {
            Venue v = catalogue.venue(p.venueId()).orElse(null);
            String block = v == null ? null : priceBlock(v.asset(), s.prices(), s.portfolio().blockNumber(), settings.maxPriceAgeBlocks());
            if (block != null && p.valueFundamental().signum() != 0) {
                heldBlocked.add(v.id());
            }
        }
        if (!heldBlocked.isEmpty()) {
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + "hold because the vault holds " + String.join(", ", heldBlocked)
                    + " whose price cannot be acted on: no new plan until it is OK", excluded, null, null, 0, 0, risk, null, notes, economics);
        }
        // the budget is what the tradable venues hold: loose balances no venue claims are not spent by a plan
        double budget = venues.stream().mapToDouble(io.lrtyield.strategy.optimizer.Venue::current).sum();
        if (venues.isEmpty() || budget <= 0) {
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + "hold because nothing can be allocated (" + excluded.size()
                    + " venue(s) excluded)", excluded, null, null, 0, 0, risk, null, notes, economics);
        }
        List<GroupCap> groups = new ArrayList<>(groups(venues, budget));
        groups.addAll(exposureGroups(venues, s.quotes(), budget));
        groups.addAll(rungGroups);
        AllocationProblem problem = new AllocationProblem(venues, groups, reserve(budget), budget,
                settings.riskAversion(), settings.horizonYears());
        AllocationResult result;
        try {
            Solved best = solveOneRungPerLoop(problem, notes);
            problem = best.problem();
            result = best.result();
        } catch (IllegalArgumentException e) {
            // what the operator needs to see why: every bound and row of the problem
            problem.venues().forEach(v -> notes.add(String.format(Locale.ROOT, "bound %s: current %.6f, cap %.6f, exit cap %.6f, delay %.3f d",
                    v.id(), v.current(), v.cap(), v.exitLiquidityCap(), v.withdrawalDelayDays())));
            problem.groups().forEach(g -> notes.add(String.format(Locale.ROOT, "group %s ≤ %.6f over %s", g.name(), g.cap(), g.venues())));
            notes.add(String.format(Locale.ROOT, "budget %.6f, reserve ≥ %.6f within %.2f d", budget, problem.reserve().minimum(),
                    problem.reserve().maxWithdrawalDelayDays()));
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + "hold because the allocation problem has no solution: " + e.getMessage(),
                    excluded, problem, null, 0, 0, risk, null, notes, economics);
        }
        double gain = 0;
        double cost = 0;
        boolean trades = false;
        for (int i = 0; i < venues.size(); i++) {
            VenueAllocation va = result.allocations().get(i);
            io.lrtyield.strategy.optimizer.Venue v = venues.get(i);
            gain += va.riskAdjustedYield() - yieldAt(v, va.current(), problem);
            cost += va.transitionCost();
            trades |= Math.abs(va.trade()) > Math.max(settings.minTradeEth(), 1e-9);
        }
        String figures = String.format(Locale.ROOT, "gain %.6f ETH vs costs %.6f ETH over %.0f d", gain, cost, settings.horizonDays());
        if (trades && !deRisk.isEmpty()) {
            // an incident's exit is not a yield decision: no margin test, no cooldown (the plan still obeys every route rule)
            String exits = deRisk.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().kind() + " on " + e.getValue().subject() + ")")
                    .reduce((x, y) -> x + ", " + y).orElse("");
            return new PolicyOutcome(PolicyOutcome.REBALANCE, prefix + "de-risk: exit " + exits + " by the cheapest route, capped to 0 until "
                    + "acknowledged; cooldown and margin skipped; " + figures, excluded, problem, result, gain, cost, risk, null, notes, economics);
        }
        if (!trades) {
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + "hold because the optimizer keeps the current allocation ("
                    + figures + ")", excluded, problem, result, gain, cost, risk, null, notes, economics);
        }
        PolicySettings margin = settings.withMargin(s.minGainEth(), s.costMargin());
        double needed = cost * (1 + margin.costMargin()) + margin.minGainEth().doubleValue();
        if (gain < needed) {
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + String.format(Locale.ROOT,
                    "hold because the gain does not beat the costs by the margin: %s, needs ≥ %.6f ETH", figures, needed),
                    excluded, problem, result, gain, cost, risk, null, notes, economics);
        }
        if (s.lastPlanAtSeconds() != Long.MIN_VALUE && now - s.lastPlanAtSeconds() < settings.cooldownSeconds()) {
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + "hold because of the cooldown: last plan "
                    + (now - s.lastPlanAtSeconds()) + " s ago < " + settings.cooldownSeconds() + " s (" + figures + ")",
                    excluded, problem, result, gain, cost, risk, null, notes, economics);
        }
        String waiting = waitingForData(excluded, atBlock);
        if (waiting != null) {
            return new PolicyOutcome(PolicyOutcome.HOLD, prefix + waiting + " (" + figures + ")", excluded, problem, result, gain, cost,
                    risk, null, notes, economics);
        }
        String moves = result.allocations().stream().filter(va -> Math.abs(va.trade()) > 1e-9)
                .sorted(Comparator.comparingDouble(VenueAllocation::trade))
                .map(va -> String.format(Locale.ROOT, "%s %+.4f", va.venue(), va.trade())).reduce((x, y) -> x + ", " + y).orElse("");
        return new PolicyOutcome(PolicyOutcome.REBALANCE, prefix + "rebalance: " + moves + " ETH; " + figures, excluded, problem,
                result, gain, cost, risk, null, notes, economics);
    }

    private record Solved(AllocationProblem problem, AllocationResult result) {
    }

    /**
     * A loop is one lending account at one LTV: its rungs are alternatives, not venues to hold side by side. Offered
     * together, the optimizer would spread a loop over several rungs because each rung carries its own size decay —
     * while all of them borrow from the same pool, so the decay of the sum is larger than the sum of the decays (the
     * spread looked better than the one position the plan then builds at the blended LTV). So each combination of one
     * rung per loop is solved on its own (the other rungs capped at 0) and the best objective wins; a held loop is
     * offered at its own rung only ({@link #addRungs}), so this only chooses where no loop is held yet. At most
     * {@link #MAX_RUNG_COMBINATIONS} solves; beyond that one loop at a time, the others at their best so far.
     */
    private Solved solveOneRungPerLoop(AllocationProblem problem, List<String> notes) {
        Map<String, List<Integer>> rungsByLoop = new TreeMap<>();
        List<io.lrtyield.strategy.optimizer.Venue> venues = problem.venues();
        for (int i = 0; i < venues.size(); i++) {
            io.lrtyield.strategy.optimizer.Venue v = venues.get(i);
            if (LoopLadder.ltvOf(v.id()) != null && v.upperBound() > 0) {
                rungsByLoop.computeIfAbsent(LoopLadder.baseOf(v.id()), k -> new ArrayList<>()).add(i);
            }
        }
        rungsByLoop.values().removeIf(l -> l.size() < 2);
        if (rungsByLoop.isEmpty()) {
            return new Solved(problem, optimizer.solve(problem));
        }
        List<List<Integer>> loops = new ArrayList<>(rungsByLoop.values());
        int[] choice = new int[loops.size()];
        Solved best = null;
        long combinations = loops.stream().mapToLong(List::size).reduce(1, (a, b) -> a * b);
        if (combinations <= MAX_RUNG_COMBINATIONS) {
            for (long c = 0; c < combinations; c++) {
                long rest = c;
                for (int l = 0; l < loops.size(); l++) {
                    choice[l] = (int) (rest % loops.get(l).size());
                    rest /= loops.get(l).size();
                }
                best = better(best, solveWith(problem, loops, choice));
            }
        } else {
            for (int l = 0; l < loops.size(); l++) {
                int bestRung = 0;
                Solved bestHere = null;
                for (int r = 0; r < loops.get(l).size(); r++) {
                    choice[l] = r;
                    Solved s = solveWith(problem, loops, choice);
                    if (bestHere == null || s.result().objective() > bestHere.result().objective()) {
                        bestHere = s;
                        bestRung = r;
                    }
                }
                choice[l] = bestRung;
                best = bestHere;
            }
        }
        Solved chosen = best;
        for (List<Integer> rungs : loops) {
            rungs.stream().filter(i -> chosen.result().allocations().get(i).amount() > 1e-9).findFirst().ifPresent(i ->
                    notes.add(venues.get(i).id() + ": chosen among " + rungs.size() + " rungs of "
                            + LoopLadder.baseOf(venues.get(i).id()) + " (one account, one LTV: best objective)"));
        }
        return chosen;
    }

    private static Solved better(Solved a, Solved b) {
        return a == null || b.result().objective() > a.result().objective() ? b : a;
    }

    private Solved solveWith(AllocationProblem problem, List<List<Integer>> loops, int[] choice) {
        List<io.lrtyield.strategy.optimizer.Venue> venues = new ArrayList<>(problem.venues());
        for (int l = 0; l < loops.size(); l++) {
            List<Integer> rungs = loops.get(l);
            for (int r = 0; r < rungs.size(); r++) {
                if (r != choice[l]) {
                    io.lrtyield.strategy.optimizer.Venue v = venues.get(rungs.get(r));
                    venues.set(rungs.get(r), new io.lrtyield.strategy.optimizer.Venue(v.id(), v.current(), v.apy(), v.apyDecayPerUnit(),
                            v.risk(), 0, v.exitLiquidityCap(), v.withdrawalDelayDays(), v.cost()));
                }
            }
        }
        AllocationProblem p = new AllocationProblem(venues, problem.groups(), problem.reserve(), problem.total(),
                problem.riskAversion(), problem.horizonYears());
        return new Solved(p, optimizer.solve(p));
    }

    /**
     * The optimizer's size-zero APY of a venue we hold {@code current} of. A quote describes the market as it is, our
     * position in it: its net APY is what the position earns now, and its size curve what adding more would do. The
     * optimizer's model APY(x) = apy − decay·x counts x from zero, so without this the held position was charged its
     * own impact twice — a Morpho supply of 2,272 WETH that had lowered the market's utilisation from 90 % to 73 % was
     * valued at the rate after a second 2,272 (the next decision wanted 1,272 of it out again, and more back in once
     * the rate recovered). Anchored at the quote: APY(current) = the quoted APY, APY(x) = quoted − decay·(x − current).
     */
    static double withOurOwn(double quotedApy, double decayPerEth, double current) {
        return quotedApy + decayPerEth * current;
    }

    /** The optimizer's own yield term at amount x (one definition, in the optimizer's Venue). */
    static double yieldAt(io.lrtyield.strategy.optimizer.Venue v, double x, AllocationProblem p) {
        return v.riskAdjustedYield(x, p.riskAversion(), p.horizonYears());
    }

    /**
     * A trade of either direction is charged one round trip per ETH moved: the entry now (the venue's
     * {@code entryFeeBps}, 0 for a protocol mint) and the exit by its cheapest route for the position's size, plus the
     * configured spread. Entering pays the exit it will need; leaving has paid its entry already — so a position is only
     * moved when the new yield repays both, which is what keeps the policy from churning. Gas: the route's own
     * transaction count at the configured gas price.
     */
    private TradeCost tradeCost(Venue v, Venue routed, double exitFraction) {
        if (v.venueKind() == VenueKind.IDLE) {
            return TradeCost.NONE;
        }
        double entry = v.decimalParam("entryFeeBps", BigDecimal.ZERO).doubleValue() / 10_000.0;
        double gas = settings.gasPerAction() * settings.gasPriceGwei() * 1e-9 * actionsPerTrade(routed);
        return new TradeCost(settings.slippageBps() / 10_000.0 + entry + exitFraction, settings.quadraticCost(), gas, settings.minTradeEth());
    }

    /**
     * The loop's rungs ({@link LoopLadder}) as candidates: a rung whose stressed health factor falls below the minimum in
     * any scenario is left out (said in the notes). A loop held on chain is offered at the rung nearest its LTV only,
     * capped at 0 if that rung failed (exit only); one not held is offered at every rung that passes, and
     * {@link #solveOneRungPerLoop} keeps the best one. The rungs share the venue's cap.
     */
    private void addRungs(Venue v, YieldQuote q, VenueEconomics e, double current, double cap, double exitCap, double risk,
                          MarketState s, List<String> notes, List<io.lrtyield.strategy.optimizer.Venue> venues, List<GroupCap> groups) {
        List<BigDecimal> ltvs = LoopLadder.ltvs(v, settings.loopRungs());
        if (ltvs.isEmpty()) {
            notes.add(v.id() + ": no targetLtv/liquidationThreshold in the catalogue, left out");
            return;
        }
        BigDecimal lt = v.decimalParam("liquidationThreshold", null);
        double l0 = LoopLadder.leverage(v.decimalParam("targetLtv", null));
        BigDecimal held = current > 0 ? LoopLadder.nearest(ltvs, currentLtv(v, s)) : null;
        List<String> ids = new ArrayList<>();
        double maxLeverage = 1;
        double heldEquity = 0;
        for (BigDecimal ltv : ltvs) {
            boolean isHeld = ltv.equals(held);
            if (held != null && !isHeld) {
                // a held loop is one account at one LTV: it grows or shrinks at it. Moving equity between rungs is no
                // trade the plan can make (the rungs fold into one loop move, a zero net move is none), so it is not offered
                continue;
            }
            boolean passes = loopSurvivesStress(v, ltv, lt, s.prices(), notes);
            if (!passes && !isHeld) {
                continue;
            }
            double l = LoopLadder.leverage(ltv);
            String id = LoopLadder.rungId(v.id(), ltv);
            ids.add(id);
            maxLeverage = Math.max(maxLeverage, l);
            heldEquity += isHeld ? current : 0;
            double rungExit = e.exitCostFraction() * l / l0;
            // the state the entry will find: it borrows (L − 1) per unit of equity, and Aave lends only what it holds
            // (90 % of it, so the market is not left at 100 % usage)
            double borrowable = q.risk().get("borrowAvailableEth") == null ? Double.POSITIVE_INFINITY
                    : 0.9 * Double.parseDouble(q.risk().get("borrowAvailableEth")) / Math.max(l - 1, 1e-9);
            double rungCap = passes ? Math.min(Math.max(cap, 0), (isHeld ? current : 0) + borrowable) : 0;
            double rungDecay = e.decayPerEth() * LoopLadder.decayScale(l0, l);
            venues.add(new io.lrtyield.strategy.optimizer.Venue(id, isHeld ? current : 0, withOurOwn(LoopLadder.apyAt(q, l0, l), rungDecay,
                    isHeld ? current : 0), rungDecay, risk, rungCap, Math.max(exitCap, 0),
                    v.withdrawalDelaySeconds() / 86_400.0, tradeCost(v, LoopLadder.at(v, ltv), rungExit)));
        }
        if (ids.size() > 1) {
            groups.add(new GroupCap("venue:" + v.id(), GroupCap.Kind.PROTOCOL, Math.max(cap, 0), ids));
            // the rungs borrow from the same pool: together they may not borrow more than each could alone. Held
            // conservatively at the highest rung's leverage (the group bounds equity, not debt: Σ equity × (L − 1) ≤
            // what Aave lends follows from Σ equity × (L_max − 1) ≤ it)
            String available = q.risk().get("borrowAvailableEth");
            if (available != null) {
                groups.add(new GroupCap("borrow:" + v.id(), GroupCap.Kind.OTHER,
                        heldEquity + 0.9 * Double.parseDouble(available) / Math.max(maxLeverage - 1, 1e-9), ids));
            }
        }
    }

    /** Debt / collateral of the loop held on chain, at fundamental prices; the catalogue's target when unknown. */
    private double currentLtv(Venue v, MarketState s) {
        double coll = 0;
        double debt = 0;
        for (VenuePosition p : s.portfolio().positions()) {
            if (!p.venueId().equals(v.id())) {
                continue;
            }
            for (io.lrtyield.rebalancer.portfolio.Holding h : p.holdings()) {
                BigDecimal price = io.lrtyield.rebalancer.portfolio.PortfolioValuer.fundamental(h.asset(), s.prices());
                double value = new BigDecimal(h.amount()).movePointLeft(18).doubleValue() * (price == null ? 1 : price.doubleValue());
                if (h.debt()) {
                    debt += value;
                } else {
                    coll += value;
                }
            }
        }
        return coll > 0 ? debt / coll : v.decimalParam("targetLtv", BigDecimal.ZERO).doubleValue();
    }

    /**
     * Concentration caps across venues from the quotes' on-chain exposure: per EigenLayer operator, Σ (venue × its share
     * delegated to the operator) ≤ operatorCapFraction × budget; per AVS operator set, Σ (venue × its slashable share) ≤
     * avsCapFraction × budget. A group whose members already hold more keeps room for what they hold (reducing it is
     * then the optimizer's choice, not an infeasible problem).
     */
    List<GroupCap> exposureGroups(List<io.lrtyield.strategy.optimizer.Venue> venues, Map<String, YieldQuote> quotes, double budget) {
        Map<String, List<String>> members = new TreeMap<>();
        Map<String, List<Double>> weights = new TreeMap<>();
        Map<String, Double> held = new TreeMap<>();
        for (io.lrtyield.strategy.optimizer.Venue ov : venues) {
            YieldQuote q = quotes.get(LoopLadder.baseOf(ov.id()));
            if (q == null) {
                continue;
            }
            for (var e : q.risk().entrySet()) {
                String group = e.getKey().startsWith("exposure.operator.") ? "operator:" + e.getKey().substring("exposure.operator.".length())
                        : e.getKey().startsWith("exposure.avs.") ? "avs:" + e.getKey().substring("exposure.avs.".length()) : null;
                double w = group == null ? 0 : Double.parseDouble(e.getValue());
                if (w <= 0) {
                    continue;
                }
                members.computeIfAbsent(group, k -> new ArrayList<>()).add(ov.id());
                weights.computeIfAbsent(group, k -> new ArrayList<>()).add(w);
                held.merge(group, w * ov.current(), Double::sum);
            }
        }
        List<GroupCap> out = new ArrayList<>();
        for (var e : members.entrySet()) {
            boolean operator = e.getKey().startsWith("operator:");
            double cap = (operator ? settings.operatorCapFraction() : settings.avsCapFraction()) * budget;
            out.add(new GroupCap(e.getKey(), operator ? GroupCap.Kind.OPERATOR : GroupCap.Kind.AVS, Math.max(cap, held.get(e.getKey())),
                    e.getValue(), weights.get(e.getKey())));
        }
        return out;
    }

    private List<GroupCap> groups(List<io.lrtyield.strategy.optimizer.Venue> venues, double budget) {
        Map<String, List<String>> protocol = new TreeMap<>();
        Map<String, List<String>> underlying = new TreeMap<>();
        Map<String, List<String>> tier = new TreeMap<>();
        for (io.lrtyield.strategy.optimizer.Venue ov : venues) {
            Venue v = catalogue.venue(LoopLadder.baseOf(ov.id())).orElseThrow();
            if (v.venueKind() == VenueKind.IDLE) {
                continue;
            }
            protocol.computeIfAbsent(v.protocol(), k -> new ArrayList<>()).add(ov.id());
            List<String> line = lineage(v.asset());
            underlying.computeIfAbsent(line.get(line.size() - 1), k -> new ArrayList<>()).add(ov.id());
            tier.computeIfAbsent(String.valueOf(v.riskTier()), k -> new ArrayList<>()).add(ov.id());
        }
        List<GroupCap> groups = new ArrayList<>();
        protocol.forEach((name, ids) -> groups.add(new GroupCap("protocol:" + name, GroupCap.Kind.PROTOCOL, settings.protocolCapFraction() * budget, ids)));
        underlying.forEach((name, ids) -> groups.add(new GroupCap("underlying:" + name, GroupCap.Kind.UNDERLYING, settings.underlyingCapFraction() * budget, ids)));
        tier.forEach((name, ids) -> {
            Double f = settings.tierCapFractions().get(name);
            if (f != null) {
                groups.add(new GroupCap("tier:" + name, GroupCap.Kind.RISK_TIER, f * budget, ids));
            }
        });
        return groups;
    }

    private LiquidityReserve reserve(double budget) {
        return settings.reserveFraction() <= 0 ? LiquidityReserve.NONE
                : new LiquidityReserve(settings.reserveMaxDelayDays(), settings.reserveFraction() * budget);
    }

    /**
     * A loop at LTV {@code ltv} must keep HF ≥ the stressed minimum in every scenario. The health factor of a loop is
     * collateral × price × threshold / debt: it depends on the leverage, not on how much ETH the loop holds, so the
     * optimizer's "HF after each stress scenario ≥ minimum" constraint is exactly a bound on a rung — none (it passes)
     * or 0 (it fails: left out). That is why it is applied per rung, not as a row of the problem.
     */
    private boolean loopSurvivesStress(Venue v, BigDecimal ltv, BigDecimal lt, Map<String, PriceTick> prices, List<String> notes) {
        for (StressScenario sc : stress.scenarios(prices)) {
            BigDecimal hf = stress.loopHealthFactor(sc, v.asset(), v.param("borrowAsset").orElse("WETH"), ltv, lt, prices);
            if (hf == null || hf.compareTo(minStressedHf) < 0) {
                notes.add(LoopLadder.rungId(v.id(), ltv) + ": HF " + hf + " under \"" + sc.name() + "\" < " + minStressedHf + ", rung left out");
                return false;
            }
        }
        return true;
    }

    /**
     * Transactions a trade in {@code v} takes, from the plan builder's own route (cached: routes do not change with
     * the market); at least 1, e.g. for an exit-only venue.
     */
    private int actionsPerTrade(Venue v) {
        // keyed by target LTV too: a loop rung's entry takes as many borrow turns as its leverage needs
        return actionCounts.computeIfAbsent(v.id() + v.param("targetLtv").map(l -> "@" + l).orElse(""), id -> Math.max(1, routes.entryActions(v)));
    }

    /** The asset and everything it is built on, down to the staking token (wstETH → stETH). */
    /** The venues an incident on {@code subject} caps: those whose asset is it or is built on it, in catalogue order. */
    public List<String> venuesOn(String subject) {
        return catalogue.venues().stream().filter(v -> v.asset() != null && lineage(v.asset()).stream().anyMatch(subject::equalsIgnoreCase))
                .map(Venue::id).toList();
    }

    List<String> lineage(String asset) {
        List<String> out = new ArrayList<>();
        String a = asset;
        for (int i = 0; a != null && i < 5; i++) {
            out.add(a);
            String next = catalogue.asset(a).map(Asset::underlying).orElse(null);
            a = next == null || next.equalsIgnoreCase("ETH") || next.equalsIgnoreCase("WETH") || next.equalsIgnoreCase(a) ? null : next;
        }
        return out;
    }

    /** Why the asset's price cannot be acted on, or null when it can — the wording of the existing circuit breaker. */
    static String priceBlock(String asset, Map<String, PriceTick> prices) {
        return priceBlock(asset, prices, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * As {@link #priceBlock(String, Map)}, and a price older than {@code maxAgeBlocks} at {@code block} is stale whatever
     * its status said when it was published: a price service that stopped publishing must not leave its last OK standing.
     */
    static String priceBlock(String asset, Map<String, PriceTick> prices, long block, long maxAgeBlocks) {
        if ("ETH".equals(asset) || "WETH".equals(asset)) {
            return null;
        }
        PriceTick tick = prices.get(asset);
        if (tick == null) {
            return asset + " has no price yet";
        }
        if (!tick.status().actionable()) {
            return asset + " " + tick.status() + (tick.reasons().isEmpty() ? "" : " (" + tick.reasons().get(tick.reasons().size() - 1) + ")");
        }
        long age = block == Long.MIN_VALUE ? 0 : block - tick.provenance().blockNumber();
        if (age > maxAgeBlocks) {
            return asset + " STALE (last price at block " + tick.provenance().blockNumber() + ", " + age + " blocks old > " + maxAgeBlocks + ")";
        }
        return null;
    }

    /** Why a quote is too old to trade on (its block, its age), or null while it is fresh enough. */
    static String quoteBlock(YieldQuote q, long block, long maxAgeBlocks) {
        long age = block == Long.MIN_VALUE ? 0 : block - q.provenance().blockNumber();
        return age > maxAgeBlocks ? "quote STALE (of block " + q.provenance().blockNumber() + ", " + age + " blocks old > " + maxAgeBlocks
                + ": the yield service's reads are failing)" : null;
    }

    /**
     * Left out for data that is missing or late — no price yet, a STALE price (its status or its age), no quote yet, a
     * quote too old — rather than for what the market or the venue is (UNSAFE, flagged, no route): such data comes back,
     * usually within blocks (a service restarting or catching up, a loaded machine).
     */
    static boolean transientData(String why, String priceBlock) {
        if (priceBlock != null) {
            return !priceBlock.contains(" UNSAFE");
        }
        return why.equals("no quote yet") || why.startsWith("quote STALE");
    }

    /**
     * Why a rebalance waits for data, or null: a plan made while venues are left out for missing or stale data is made on
     * part of the market — the capital goes to what happens to have data and is moved again, at a second round trip, when
     * the rest returns (a loaded machine's first plan put 30 % into Aave WETH supply while the staking venues' prices
     * lagged; the next decision wanted all of it out). So a rebalance waits up to {@link PolicySettings#dataWaitBlocks}
     * blocks for a venue's data to return; after that the venue is planned without (a dead feed must not freeze the vault).
     * Exits for incidents and emergency deleverage never wait.
     */
    private String waitingForData(Map<String, String> excluded, long atBlock) {
        waitingSince.keySet().retainAll(excluded.keySet());
        List<String> waiting = new ArrayList<>();
        long since = Long.MAX_VALUE;
        for (var e : waitingSince.entrySet()) {
            if (atBlock - e.getValue() < settings.dataWaitBlocks()) {
                waiting.add(e.getKey());
                since = Math.min(since, e.getValue());
            }
        }
        if (waiting.isEmpty()) {
            return null;
        }
        java.util.Collections.sort(waiting);
        return "hold while waiting for the data of " + String.join(", ", waiting) + " (left out since block " + since
                + ", waits up to " + settings.dataWaitBlocks() + " blocks): a plan on part of the market would be undone when it returns";
    }

    static boolean trusted(YieldQuote q) {
        return q.flags().stream().map(QuoteFlag::of).flatMap(java.util.Optional::stream).noneMatch(QuoteFlag::untradable);
    }
}

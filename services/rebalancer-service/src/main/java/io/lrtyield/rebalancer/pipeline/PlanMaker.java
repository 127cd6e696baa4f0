package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.LoopState;
import io.lrtyield.rebalancer.plan.LoopUnwinder;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.policy.LoopLadder;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.policy.VenueEconomics;
import io.lrtyield.rebalancer.portfolio.AaveAccount;
import io.lrtyield.rebalancer.portfolio.EigenQueuedWithdrawal;
import io.lrtyield.rebalancer.portfolio.LrtWithdrawalRequest;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.strategy.optimizer.VenueAllocation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a REBALANCE or DELEVERAGE outcome into a built plan with the snapshot's balances. A deleverage whose
 * collateral price is not actionable keeps only the idle-ETH repay (selling collateral needs a price to bound it).
 */
public final class PlanMaker {

    private PlanMaker() {
    }

    /**
     * @param venueRates what one unit of a venue's position is worth in its asset, by venue id ({@link #venueRates}):
     *                   the PT price and the EigenLayer share rate, without which those exits are skipped
     */
    public static BuiltPlan make(StrategyFactory.Strategy st, PolicyOutcome o, Portfolio p, BigInteger idleEth, BigInteger idleWeth,
                                 Map<String, PriceTick> prices, Map<String, BigDecimal> venueRates) {
        return make(st, o, p, idleEth, idleWeth, prices, venueRates, Map.<String, BigInteger>of());
    }

    /**
     * As {@link #make(StrategyFactory.Strategy, PolicyOutcome, Portfolio, BigInteger, BigInteger, Map, Map)}, with the
     * snapshot's {@link RawSnapshot#venueUnits()} (the EigenLayer deposit shares) among the bounds of the exits
     * ({@link #held}); without them an EigenLayer exit is bounded by the position's value only.
     */
    public static BuiltPlan make(StrategyFactory.Strategy st, PolicyOutcome o, Portfolio p, BigInteger idleEth, BigInteger idleWeth,
                                 Map<String, PriceTick> prices, Map<String, BigDecimal> venueRates, Map<String, BigInteger> venueUnits) {
        if (PolicyOutcome.DELEVERAGE.equals(o.action())) {
            Venue v = st.catalogue().venue(o.deleverage()).orElseThrow();
            LoopState loop = loopOf(v, p.aave());
            if (loop == null) {
                return new BuiltPlan(List.of(), List.of(), List.of(v.id() + ": no Aave debt to deleverage"));
            }
            BigDecimal rate = PortfolioValuer.fundamental(v.asset(), prices);
            PriceTick tick = prices.get(v.asset());
            boolean priced = rate != null && tick != null && tick.status().actionable();
            BuiltPlan built = new LoopUnwinder(st.addresses(), st.vault(), st.planSettings()).unwind(v.id(), loop, idleEth, idleWeth,
                    priced ? rate.movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger() : BigInteger.TEN.pow(18),
                    priced ? stEthSalePrice(v.asset(), rate, prices) : BigInteger.TEN.pow(18), st.planSettings().targetHealthFactor(), false);
            if (priced) {
                return built;
            }
            List<io.lrtyield.rebalancer.execution.PlannedAction> idleOnly = new ArrayList<>();
            for (var a : built.actions()) {
                if ("WITHDRAW".equals(a.kind())) {
                    break;
                }
                idleOnly.add(a);
            }
            List<String> skipped = new ArrayList<>(built.skipped());
            skipped.add(v.id() + ": collateral not sold, " + v.asset() + " price not actionable; idle ETH repay only");
            return new BuiltPlan(idleOnly, built.steps().stream().filter(s -> "idle".equals(s.source())).toList(), skipped);
        }
        List<PlanBuilder.Move> moves = new ArrayList<>();
        LoopState loop = null;
        // loop rungs fold into their venue: one trade, at the blended LTV of the rungs' targets
        Map<String, Double> trades = new java.util.LinkedHashMap<>();
        Map<String, Double> amounts = new HashMap<>();
        Map<String, Double> targets = new HashMap<>();
        for (VenueAllocation va : o.result().allocations()) {
            amounts.put(va.venue(), va.amount());
            targets.merge(LoopLadder.baseOf(va.venue()), va.amount(), Double::sum);
            if (!va.held()) {
                trades.merge(LoopLadder.baseOf(va.venue()), va.trade(), Double::sum);
            }
        }
        Map<String, Map<BigDecimal, Double>> rungs = LoopLadder.rungEquities(amounts);
        for (var t : trades.entrySet()) {
            Venue v = st.catalogue().venue(t.getKey()).orElseThrow();
            BigInteger wei = toWei(t.getValue());
            if (wei.signum() < 0) {
                wei = exitOf(wei.negate(), p.amountIn(v.id()), targets.getOrDefault(v.id(), 0.0)).negate();
            }
            if (wei.signum() == 0) {
                continue;
            }
            if (v.venueKind() == io.lrtyield.common.catalogue.VenueKind.LEVERAGED_LOOP) {
                BigDecimal ltv = LoopLadder.blendedLtv(rungs.getOrDefault(v.id(), Map.of()));
                if (ltv != null) {
                    v = LoopLadder.at(v, ltv);
                }
                loop = loopOf(v, p.aave());
            }
            // the route the decision priced: a wstETH exit it priced as Lido's queue goes by the queue
            VenueEconomics econ = o.economics() == null ? null : o.economics().get(t.getKey());
            moves.add(new PlanBuilder.Move(v, wei, econ == null || econ.exit() == null ? null : econ.exit().kind()));
        }
        Map<String, BigDecimal> rates = new HashMap<>(venueRates);
        for (String asset : List.of("wstETH", "weETH", "rETH", "ezETH", "rsETH", "pufETH")) {
            BigDecimal r = PortfolioValuer.fundamental(asset, prices);
            if (r != null) {
                rates.put(asset, r);
            }
        }
        return st.builder().build(moves, rates, idleEth, idleWeth, loop, held(st.catalogue(), p, venueUnits));
    }

    /**
     * The wei an exit takes out of a venue: never more than the position's value at the snapshot's block, and all of it
     * when the optimizer's target is 0. The optimizer plans in doubles: its {@code current} is the position's value
     * rounded to the nearest double, which is above the exact value about half the time (by up to ~1e-16 of it: hundreds
     * of wei on a few ETH), so a full exit's trade ({@code −current}) is worth more than the vault holds. Divided by a
     * share rate that is more deposit shares than the vault has, and the plan reverts (EigenLayer's
     * {@code SharesAmountTooHigh} in {@code queueWithdrawals}); likewise an unwrap or a sale beyond the balance.
     */
    static BigInteger exitOf(BigInteger out, BigDecimal positionEth, double targetEth) {
        BigInteger position = positionEth.max(BigDecimal.ZERO).movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
        return targetEth <= 0 ? position : out.min(position);
    }

    /**
     * What the vault holds of each venue an exit spends a unit of, from the snapshot: the token balance of a staking or
     * restaking venue, the PT of a Pendle venue, the WETH aToken of a lending venue (each 0 when none is held), and the
     * EigenLayer deposit shares and Morpho supply shares from {@code venueUnits} where the snapshot read them. The builder never exits more
     * (the bound {@link PlanBuilder#build(List, Map, BigInteger, BigInteger, LoopState, Map)} applies).
     */
    static Map<String, BigInteger> held(io.lrtyield.common.catalogue.Catalogue c, Portfolio p, Map<String, BigInteger> venueUnits) {
        Map<String, BigInteger> held = new HashMap<>();
        for (Venue v : c.venues()) {
            if (venueUnits.containsKey(v.id())) {
                // the snapshot read the venue's own unit (EigenLayer deposit shares, Morpho supply shares): the exit spends it
                held.put(v.id(), venueUnits.get(v.id()));
                continue;
            }
            switch (v.venueKind()) {
                case NATIVE_STAKING, RESTAKING_TOKEN, FIXED_YIELD_PT, LENDING_SUPPLY -> held.put(v.id(), p.position(v.id())
                        .map(pos -> pos.holdings().stream().filter(h -> !h.debt() && h.asset().equalsIgnoreCase(v.asset()))
                                .map(io.lrtyield.rebalancer.portfolio.Holding::amount).reduce(BigInteger.ZERO, BigInteger::add))
                        .orElse(BigInteger.ZERO));
                default -> {
                }
            }
        }
        return held;
    }

    /**
     * As {@link #make}, with {@code claimWithdrawal} of the vault's finalized Lido withdrawal requests first in a
     * rebalance (see {@link PlanBuilder#claimLidoWithdrawals}); a deleverage stays as it is, nothing delays it.
     */
    public static BuiltPlan make(StrategyFactory.Strategy st, PolicyOutcome o, Portfolio p, BigInteger idleEth, BigInteger idleWeth,
                                 Map<String, PriceTick> prices, Map<String, BigDecimal> venueRates, List<BigInteger> finalizedLidoRequests) {
        return make(st, o, p, idleEth, idleWeth, prices, venueRates, finalizedLidoRequests, List.of());
    }

    /**
     * WETH per stETH a deleverage's sale is bounded by, 1e18-scaled: the peg, or the price service's market price when
     * the collateral trades below its fundamental rate (a sale bounded at the peg would revert in a depeg): market /
     * fundamental of the collateral, at most 1 — the more conservative of the two (ARCHITECTURE §7.1: a deleverage uses
     * the most conservative price available), never the traded pool's own spot.
     */
    static BigInteger stEthSalePrice(String collateral, BigDecimal fundamental, Map<String, PriceTick> prices) {
        BigDecimal market = PortfolioValuer.market(collateral, prices);
        if (market == null || fundamental.signum() <= 0) {
            return BigInteger.TEN.pow(18);
        }
        BigDecimal ratio = market.divide(fundamental, 18, RoundingMode.DOWN).min(BigDecimal.ONE);
        return ratio.movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
    }

    /**
     * As {@link #make}, with the claims first: the vault's finalized Lido requests ({@link PlanBuilder#claimLidoWithdrawals})
     * and its claimable Renzo / Kelp requests ({@link PlanBuilder#claimLrtWithdrawals}); a deleverage stays as it is.
     */
    public static BuiltPlan make(StrategyFactory.Strategy st, PolicyOutcome o, Portfolio p, BigInteger idleEth, BigInteger idleWeth,
                                 Map<String, PriceTick> prices, Map<String, BigDecimal> venueRates, List<BigInteger> finalizedLidoRequests,
                                 List<LrtWithdrawalRequest> claimableLrtRequests) {
        return make(st, o, p, idleEth, idleWeth, prices, venueRates, finalizedLidoRequests, claimableLrtRequests, List.of());
    }

    /**
     * As {@link #make}, with the claims first: Lido's finalized requests, the claimable Renzo / Kelp requests and the
     * EigenLayer withdrawals whose delay passed ({@link PlanBuilder#completeEigenWithdrawals}, their stETH wrapped).
     */
    public static BuiltPlan make(StrategyFactory.Strategy st, PolicyOutcome o, Portfolio p, BigInteger idleEth, BigInteger idleWeth,
                                 Map<String, PriceTick> prices, Map<String, BigDecimal> venueRates, List<BigInteger> finalizedLidoRequests,
                                 List<LrtWithdrawalRequest> claimableLrtRequests, List<EigenQueuedWithdrawal> completableEigen) {
        return make(st, o, p, idleEth, idleWeth, prices, venueRates, finalizedLidoRequests, claimableLrtRequests, completableEigen,
                Map.of());
    }

    /**
     * As above, each exit bounded by what the snapshot says the vault holds, {@code venueUnits} ({@link RawSnapshot#venueUnits()})
     * giving the EigenLayer deposit shares.
     */
    public static BuiltPlan make(StrategyFactory.Strategy st, PolicyOutcome o, Portfolio p, BigInteger idleEth, BigInteger idleWeth,
                                 Map<String, PriceTick> prices, Map<String, BigDecimal> venueRates, List<BigInteger> finalizedLidoRequests,
                                 List<LrtWithdrawalRequest> claimableLrtRequests, List<EigenQueuedWithdrawal> completableEigen,
                                 Map<String, BigInteger> venueUnits) {
        BuiltPlan built = make(st, o, p, idleEth, idleWeth, prices, venueRates, venueUnits);
        if (PolicyOutcome.DELEVERAGE.equals(o.action())
                || (finalizedLidoRequests.isEmpty() && claimableLrtRequests.isEmpty() && completableEigen.isEmpty())) {
            return built;
        }
        List<io.lrtyield.rebalancer.execution.PlannedAction> actions = new ArrayList<>();
        st.catalogue().venues().stream().filter(v -> v.venueKind() == io.lrtyield.common.catalogue.VenueKind.EIGENLAYER_STRATEGY)
                .findFirst().filter(v -> !completableEigen.isEmpty() && venueRates.get(v.id()) != null).ifPresent(v -> {
                    BigDecimal rate = venueRates.get(v.id());
                    BigInteger stEth = completableEigen.stream().flatMap(w -> w.shares().stream())
                            .map(s -> new BigDecimal(s).multiply(rate).toBigInteger()).reduce(BigInteger.ZERO, BigInteger::add);
                    actions.addAll(st.builder().completeEigenWithdrawals(v.id(),
                            completableEigen.stream().map(EigenQueuedWithdrawal::withdrawal).toList(), stEth));
                });
        st.catalogue().venues().stream().filter(v -> "wstETH".equals(v.asset()) && v.param("withdrawalQueue").isPresent()).map(Venue::id)
                .findFirst().ifPresent(venue -> actions.addAll(st.builder().claimLidoWithdrawals(venue, finalizedLidoRequests)));
        Map<String, List<LrtWithdrawalRequest>> byVenue = new java.util.LinkedHashMap<>();
        claimableLrtRequests.forEach(r -> byVenue.computeIfAbsent(r.venueId(), k -> new ArrayList<>()).add(r));
        byVenue.forEach((venue, requests) -> actions.addAll(st.builder().claimLrtWithdrawals(venue, requests.get(0).asset(),
                requests.stream().map(LrtWithdrawalRequest::index).toList())));
        actions.addAll(built.actions());
        return new BuiltPlan(actions, built.steps(), built.skipped());
    }

    /**
     * The venue rates a plan needs beyond the assets' fundamental rates: the snapshot's own reads (EigenLayer stETH per
     * share) and each Pendle venue's PT price in its underlying, from its quote ({@code risk.ptPrice}: the market's
     * {@code lastLnImpliedRate} at the quote's block — the implied rate, not the AMM spot a sale would move).
     */
    public static Map<String, BigDecimal> venueRates(RawSnapshot raw, Map<String, YieldQuote> quotes) {
        Map<String, BigDecimal> rates = new HashMap<>(raw.venueRates());
        quotes.forEach((venue, q) -> {
            String pt = q.risk() == null ? null : q.risk().get("ptPrice");
            if (pt != null) {
                rates.put(venue, new BigDecimal(pt));
            }
        });
        return rates;
    }

    /**
     * The boundary between the optimizer's planning doubles and money: ETH → wei, rounded toward zero, so a move never
     * asks for more than the optimizer gave (the builder then bounds each exit by what the vault holds).
     */
    static BigInteger toWei(double eth) {
        if (!Double.isFinite(eth)) {
            throw new IllegalArgumentException("trade is not a finite amount: " + eth);
        }
        return BigDecimal.valueOf(eth).movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
    }

    static LoopState loopOf(Venue v, AaveAccount aave) {
        if (aave == null || aave.healthFactor() == null) {
            return null;
        }
        BigInteger c = aave.supplied().getOrDefault(v.asset(), BigInteger.ZERO);
        BigInteger d = aave.borrowed().getOrDefault(v.param("borrowAsset").orElse("WETH"), BigInteger.ZERO);
        if (c.signum() == 0 || d.signum() == 0) {
            return null;
        }
        return LoopState.fromAccount(c, d, aave.healthFactor(), aave.liquidationThreshold());
    }
}

package io.lrtyield.backtest.contender;

import io.lrtyield.backtest.sim.Ledger;
import io.lrtyield.backtest.sim.VaultSnapshot;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.LoopState;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks trade through the same plan builder as the strategy: a target amount per venue becomes moves (target −
 * current, valued by the production {@link PortfolioValuer}), built into a plan that routes, sizes and counts its
 * actions as a real one would. What the builder cannot route is not traded.
 */
final class TargetPlans {

    private final StrategyFactory.Strategy st;
    private final PortfolioValuer valuer;

    TargetPlans(StrategyFactory.Strategy st) {
        this.st = st;
        this.valuer = new PortfolioValuer(st.catalogue());
    }

    Portfolio portfolio(DecisionInput in) {
        return valuer.value(st.vault(), raw(in), in.prices());
    }

    RawSnapshot raw(DecisionInput in) {
        return VaultSnapshot.raw(in.ledger(), in.market(), in.executor(), st.catalogue());
    }

    /** A plan that moves the vault to {@code targets} (ETH at fundamental value by venue id; others to 0). */
    Decision to(DecisionInput in, Map<String, BigDecimal> targets, String reason) {
        Portfolio p = portfolio(in);
        List<PlanBuilder.Move> moves = new ArrayList<>();
        for (Venue v : st.catalogue().venues()) {
            if (v.venueKind() == VenueKind.IDLE) {
                continue;
            }
            BigDecimal delta = targets.getOrDefault(v.id(), BigDecimal.ZERO).subtract(p.amountIn(v.id()));
            BigInteger wei = delta.movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
            if (wei.abs().compareTo(BigInteger.TEN.pow(15)) > 0) {
                moves.add(new PlanBuilder.Move(v, wei));
            }
        }
        if (moves.isEmpty()) {
            return null;
        }
        moves.sort((a, b) -> a.ethWei().compareTo(b.ethWei()));
        Map<String, BigDecimal> rates = new HashMap<>();
        for (String asset : in.market().assets()) {
            BigDecimal r = PortfolioValuer.fundamental(asset, in.prices());
            if (r != null) {
                rates.put(asset, r);
            }
        }
        Ledger l = in.ledger();
        LoopState loop = l.loopDebt().signum() > 0 && l.loopCollateral().signum() > 0
                ? LoopState.fromAccount(l.loopCollateral(), l.loopDebt(), in.executor().healthFactor(l, in.market()),
                in.executor().liquidationThreshold())
                : null;
        BuiltPlan plan = st.builder().build(moves, rates, l.eth(), BigInteger.ZERO, loop);
        return plan.empty() ? null : new Decision(moves, plan, false, reason);
    }

    StrategyFactory.Strategy strategy() {
        return st;
    }
}

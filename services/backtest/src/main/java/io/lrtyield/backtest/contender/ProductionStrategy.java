package io.lrtyield.backtest.contender;

import io.lrtyield.backtest.sim.VaultSnapshot;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.policy.LoopLadder;
import io.lrtyield.rebalancer.policy.MarketState;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.policy.VenueEconomics;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.pipeline.PlanMaker;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;
import io.lrtyield.strategy.optimizer.VenueAllocation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rebalancer's strategy, called exactly as its per-block pipeline calls it: the snapshot valued by the production
 * {@link PortfolioValuer}, {@code DecisionPolicy#decide} on a {@link MarketState} of that portfolio, the quotes, the
 * prices and the alerts, and for REBALANCE or DELEVERAGE the plan from {@link PlanMaker#make}. Not copied: what the
 * pipeline adds around it is the warm-up (the history starts warm) and the one-open-plan rule (a simulated plan
 * executes within its block). Its alert book gets the depeg alerts the price service would raise on the history.
 */
public final class ProductionStrategy implements Contender {

    private final StrategyFactory.Strategy strategy;
    private final PortfolioValuer valuer;
    private final AlertBook alerts;
    private PolicyOutcome last;

    /** @param alertWindowSeconds the depeg history window of the risk score ({@code rebalancer.strategy.alert-window}) */
    public ProductionStrategy(StrategyFactory.Strategy strategy, long alertWindowSeconds) {
        this.strategy = strategy;
        this.valuer = new PortfolioValuer(strategy.catalogue());
        this.alerts = new AlertBook(alertWindowSeconds);
    }

    /** The alerts reach the policy's {@link AlertBook} as risk-alerts.v1 reaches the service's. */
    @Override
    public void observe(List<io.lrtyield.common.event.RiskAlert> raised) {
        raised.forEach(alerts::onAlert);
    }

    @Override
    public String name() {
        return "strategy";
    }

    /** The policy's last outcome (its reason says why it held or moved). */
    public PolicyOutcome lastOutcome() {
        return last;
    }

    /** The policy's outcome for the vault as simulated now: the one call the service makes per block. */
    public PolicyOutcome outcome(DecisionInput in, RawSnapshot raw, Portfolio portfolio) {
        return strategy.policy().decide(new MarketState(portfolio, in.quotes(), in.prices(), alerts, in.lastPlanAtSeconds()));
    }

    @Override
    public Decision decide(DecisionInput in) {
        RawSnapshot raw = VaultSnapshot.raw(in.ledger(), in.market(), in.executor(), strategy.catalogue());
        Portfolio portfolio = valuer.value(strategy.vault(), raw, in.prices());
        PolicyOutcome o = outcome(in, raw, portfolio);
        last = o;
        if (PolicyOutcome.HOLD.equals(o.action())) {
            return null;
        }
        BuiltPlan built;
        try {
            built = PlanMaker.make(strategy, o, portfolio, raw.ethBalance(), raw.tokens().getOrDefault("WETH", BigInteger.ZERO),
                    in.prices(), PlanMaker.venueRates(raw, in.quotes()), raw.finalizedLidoRequests());
        } catch (RuntimeException e) {
            return null;
        }
        if (built.empty()) {
            return null;
        }
        boolean deleverage = PolicyOutcome.DELEVERAGE.equals(o.action());
        return new Decision(deleverage ? List.of() : moves(o), built, deleverage, o.reason());
    }

    /** The outcome's trades per catalogue venue (loop rungs folded), with the exit route the decision priced. */
    private List<PlanBuilder.Move> moves(PolicyOutcome o) {
        Map<String, Double> trades = new LinkedHashMap<>();
        for (VenueAllocation va : o.result().allocations()) {
            if (!va.held()) {
                trades.merge(LoopLadder.baseOf(va.venue()), va.trade(), Double::sum);
            }
        }
        List<PlanBuilder.Move> moves = new ArrayList<>();
        trades.forEach((id, trade) -> {
            Venue v = strategy.catalogue().venue(id).orElseThrow();
            BigInteger wei = BigDecimal.valueOf(trade).movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
            VenueEconomics e = o.economics().get(id);
            if (wei.signum() != 0) {
                moves.add(new PlanBuilder.Move(v, wei, e == null || e.exit() == null ? null : e.exit().kind()));
            }
        });
        return moves;
    }
}

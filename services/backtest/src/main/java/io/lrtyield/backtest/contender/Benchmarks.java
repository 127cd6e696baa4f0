package io.lrtyield.backtest.contender;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmarks every backtest runs beside the strategy. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** Idle, 100 % wstETH, the equal-weight LST basket, chase-the-highest-APY: in table order. */
    public static List<Contender> all(StrategyFactory.Strategy st) {
        TargetPlans plans = new TargetPlans(st);
        // the LSTs the plan builder can enter and leave (coinbase-cbeth has no allowlisted route on the devnet)
        List<String> lsts = st.catalogue().venues().stream().filter(v -> v.venueKind() == VenueKind.NATIVE_STAKING)
                .filter(v -> st.builder().canEnter(v) && st.builder().canExit(v)).map(Venue::id).toList();
        Map<String, Double> basket = new LinkedHashMap<>();
        lsts.forEach(id -> basket.put(id, 1.0 / lsts.size()));
        return List.of(new Idle(), new BuyAndHold("wstETH-100", Map.of("lido-wsteth", 1.0), plans),
                new BuyAndHold("lst-basket", basket, plans), new ChaseTopApy(plans, 0.005));
    }

    /** Stays in ETH. */
    public static final class Idle implements Contender {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public Decision decide(DecisionInput in) {
            return null;
        }

        @Override
        public boolean active() {
            return false;
        }
    }

    /** Enters fixed weights once and holds them. */
    public static final class BuyAndHold implements Contender {
        private final String name;
        private final Map<String, Double> weights;
        private final TargetPlans plans;
        private boolean entered;

        BuyAndHold(String name, Map<String, Double> weights, TargetPlans plans) {
            this.name = name;
            this.weights = Map.copyOf(weights);
            this.plans = plans;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean active() {
            return !entered;
        }

        @Override
        public Decision decide(DecisionInput in) {
            if (entered) {
                return null;
            }
            entered = true;
            BigDecimal total = plans.portfolio(in).totalFundamental();
            Map<String, BigDecimal> targets = new LinkedHashMap<>();
            weights.forEach((id, w) -> targets.put(id, total.multiply(BigDecimal.valueOf(w), MathContext.DECIMAL64)));
            return plans.to(in, targets, "enter " + weights);
        }
    }

    /**
     * A naive aggregator: everything in the venue with the highest quoted net APY (loops at the catalogue's leverage),
     * moved when the top quote beats the current one by {@code marginApy}; among the venues the plan builder can enter
     * and leave, blind to price status, risk and exit costs.
     */
    public static final class ChaseTopApy implements Contender {
        private final TargetPlans plans;
        private final double marginApy;
        private String current;

        ChaseTopApy(TargetPlans plans, double marginApy) {
            this.plans = plans;
            this.marginApy = marginApy;
        }

        @Override
        public String name() {
            return "chase-top-apy";
        }

        @Override
        public Decision decide(DecisionInput in) {
            StrategyFactory.Strategy st = plans.strategy();
            YieldQuote top = in.quotes().values().stream()
                    .filter(q -> st.catalogue().venue(q.venueId()).map(v -> st.builder().canEnter(v) && st.builder().canExit(v)).orElse(false))
                    .max(Comparator.comparing(YieldQuote::netApy).thenComparing(YieldQuote::venueId)).orElse(null);
            if (top == null) {
                return null;
            }
            double now = current == null || in.quotes().get(current) == null ? 0 : in.quotes().get(current).netApy().doubleValue();
            if (top.venueId().equals(current) || top.netApy().doubleValue() < now + marginApy) {
                return null;
            }
            Portfolio p = plans.portfolio(in);
            Decision d = plans.to(in, Map.of(top.venueId(), p.totalFundamental()), "chase " + top.venueId() + " at " + top.netApy());
            if (d != null) {
                current = top.venueId();
            }
            return d;
        }
    }
}

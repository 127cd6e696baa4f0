package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.policy.DecisionPolicy;
import io.lrtyield.rebalancer.policy.PolicySettings;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.RiskSettings;
import io.lrtyield.rebalancer.risk.StressTester;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Builds the framework-free strategy objects from the typed config and the catalogue. */
public final class StrategyFactory {

    /** The strategy for one catalogue and vault. */
    public record Strategy(Catalogue catalogue, String vault, PolicySettings policySettings, RiskSettings riskSettings,
                           PlanSettings planSettings, PlanAddresses addresses, PlanBuilder builder, StressTester stress,
                           RiskScorer scorer, DecisionPolicy policy) {
    }

    private StrategyFactory() {
    }

    public static Strategy create(StrategyConfig c, Catalogue catalogue, String vault) {
        RiskSettings risk = new RiskSettings(c.lrtDepeg(), c.lstDepeg(), c.borrowAprSpike(),
                BigDecimal.valueOf(c.horizonDays()).divide(BigDecimal.valueOf(365), 6, java.math.RoundingMode.HALF_EVEN),
                c.minStressedHealthFactor(), c.tierWeight(), c.depegAlertWeight(), c.illiquidityWeight(), c.delayWeightPerDay(),
                c.slashingExposure());
        PolicySettings policy = new PolicySettings(c.riskAversion(), c.horizonDays(), c.minGainEth(), c.costMargin(),
                c.cooldown().toSeconds(), c.venueCapFraction(), fractions(c.venueCaps().orElse("")), c.protocolCapFraction(),
                c.underlyingCapFraction(), fractions(c.tierCaps()), c.reserveFraction(), c.reserveMaxDelayDays(), c.gasPriceGwei(),
                c.gasPerAction(), c.slippageBps(), c.quadraticCost(), c.minTradeEth(), c.hfTrigger(), rungs(c.loopRungs()),
                c.maxPriceAgeBlocks(), c.operatorCapFraction(), c.avsCapFraction());
        PlanSettings plan = new PlanSettings(c.maxSlippageBps(), c.minHealthFactor(), c.targetHealthFactor(), c.maxSteps());
        PlanAddresses addresses = PlanAddresses.from(catalogue);
        PlanBuilder builder = new PlanBuilder(addresses, vault, plan);
        StressTester stress = new StressTester(catalogue, risk);
        RiskScorer scorer = new RiskScorer(risk);
        return new Strategy(catalogue, vault, policy, risk, plan, addresses, builder, stress, scorer,
                new DecisionPolicy(catalogue, policy, scorer, stress, builder, risk.minStressedHealthFactor()));
    }

    /** {@code 0.5,0.7,…}: empty text for none. */
    static java.util.List<Double> rungs(String text) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                double r = Double.parseDouble(part.trim());
                if (!(r > 0 && r < 1)) {
                    throw new IllegalArgumentException("a loop rung is a fraction of the liquidation threshold in (0, 1), got " + part.trim());
                }
                out.add(r);
            }
        }
        return out;
    }

    /** {@code key=fraction,key=fraction}. */
    static Map<String, Double> fractions(String text) {
        Map<String, Double> map = new HashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=fraction, got " + p);
            }
            map.put(p.substring(0, eq).trim(), Double.parseDouble(p.substring(eq + 1).trim()));
        }
        return map;
    }
}

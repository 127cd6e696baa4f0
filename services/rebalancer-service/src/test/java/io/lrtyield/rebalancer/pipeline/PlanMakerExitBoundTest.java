package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.policy.DecisionPolicy;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.policy.PolicySettings;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioReader;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.RiskSettings;
import io.lrtyield.rebalancer.risk.StressTester;
import io.lrtyield.strategy.optimizer.AllocationResult;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos run's refused plan (simulation reverted with EigenLayer's {@code SharesAmountTooHigh}): after two plans had
 * queued part of the vault's EigenLayer shares, the optimizer exited the rest. Its trade is {@code −current}, the position's
 * value as a double, which here rounds above the exact wei value; divided by the share rate that asked
 * {@code queueWithdrawals} for 171 deposit shares more than the vault had. An exit now never takes more than the
 * position, and never more deposit shares than the snapshot read.
 */
class PlanMakerExitBoundTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final String EIGEN = "eigenlayer-steth";
    /** Deposit shares left after the earlier queues, and {@code sharesToUnderlyingView(1e18)}: a pair whose value rounds up as a double. */
    static final BigInteger SHARES = new BigInteger("3456789012345726415");
    static final BigInteger RATE = new BigInteger("1012345678901234567");

    static final Catalogue CATALOGUE = new Catalogue("t", 1, Map.of(),
            List.of(new Asset("ETH", null, 18, "ETH", null), new Asset("WETH", addr(1), 18, "ETH", null),
                    new Asset("stETH", addr(2), 18, "ETH", null), new Asset("wstETH", addr(3), 18, "stETH", null)),
            List.of(new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                    new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 0, 0.0),
                    new Venue(EIGEN, "EIGENLAYER_STRATEGY", "stETH", "eigenlayer", 3, 600, 0.0)));

    static String addr(int n) {
        return String.format("0x%040x", n);
    }

    static StrategyFactory.Strategy strategy() {
        PlanSettings plan = new PlanSettings(50, new BigDecimal("1.01"), new BigDecimal("1.06"), 40);
        PlanAddresses a = new PlanAddresses(addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10),
                addr(11), addr(12), addr(13), addr(14), addr(15), addr(16), addr(17), addr(18), addr(19));
        PlanBuilder builder = new PlanBuilder(a, addr(99), plan);
        RiskSettings risk = RiskSettings.defaults();
        StressTester stress = new StressTester(CATALOGUE, risk);
        return new StrategyFactory.Strategy(CATALOGUE, addr(99), PolicySettings.defaults(), risk, plan, a, builder, stress,
                new RiskScorer(risk), new DecisionPolicy(CATALOGUE, PolicySettings.defaults(), new RiskScorer(risk), stress, builder, BigDecimal.ONE));
    }

    /** As the reader builds it: the deposit shares' underlying in the venue, the earlier queued withdrawals apart in its queue position. */
    static RawSnapshot snapshot() {
        BigInteger underlying = SHARES.multiply(RATE).divide(E18);
        return new RawSnapshot(700, 7_000, E18, Map.of("WETH", BigInteger.ZERO), null,
                Map.of(EIGEN, List.of(new Holding("eigenlayer shares " + SHARES, "stETH", underlying, false)),
                        PortfolioReader.lidoQueuePosition(EIGEN), List.of(
                                new Holding("EigenLayer queued withdrawal 0 (pending)", "stETH", E18.multiply(BigInteger.TWO), false),
                                new Holding("EigenLayer queued withdrawal 1 (pending)", "stETH", E18, false))),
                2, List.of(), Map.of(EIGEN, new BigDecimal(RATE).movePointLeft(18)), List.of(), List.of(), List.of(), Map.of(EIGEN, SHARES));
    }

    /** The optimizer's full exit: target 0, trade −current, in its doubles. */
    static PolicyOutcome exitAll(Portfolio p) {
        double current = p.amountIn(EIGEN).doubleValue();
        double idle = p.amountIn("idle-eth").doubleValue();
        List<VenueAllocation> allocations = List.of(new VenueAllocation(EIGEN, current, 0.0, -current, 0, 0, 0, false),
                new VenueAllocation("idle-eth", idle, idle + current, current, 0, 0, 0, false));
        return new PolicyOutcome(PolicyOutcome.REBALANCE, "test", Map.of(), null, new AllocationResult(allocations, 0, List.of(), 0, 0, 1),
                0, 0, Map.of(), null, List.of());
    }

    /** {@code queueWithdrawals} with one strategy: the deposit-share amount is the call's last word. */
    static BigInteger queuedShares(BuiltPlan plan) {
        PlannedAction q = plan.actions().stream().filter(a -> "QUEUE_WITHDRAWAL".equals(a.kind())).findFirst().orElseThrow();
        String data = q.call().data();
        return new BigInteger(data.substring(data.length() - 64), 16);
    }

    @Test
    void aFullExitQueuesExactlyTheDepositSharesTheVaultHas() {
        RawSnapshot raw = snapshot();
        Portfolio p = new PortfolioValuer(CATALOGUE).value(addr(99), raw, Map.of());
        PolicyOutcome o = exitAll(p);
        // the premise: the double the optimizer exits is worth more than the position (before the fix, 171 shares too many)
        BigInteger position = p.amountIn(EIGEN).movePointRight(18).toBigIntegerExact();
        assertTrue(PlanMaker.toWei(-o.result().allocations().get(0).trade()).compareTo(position) > 0);

        BuiltPlan plan = PlanMaker.make(strategy(), o, p, raw.ethBalance(), BigInteger.ZERO, Map.of(), PlanMaker.venueRates(raw, Map.of()),
                raw.finalizedLidoRequests(), raw.claimableLrtRequests(), raw.completableEigenWithdrawals(), raw.venueUnits());
        assertEquals(List.of("QUEUE_WITHDRAWAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        assertEquals(SHARES, queuedShares(plan), "all of the deposit shares, not one more: " + plan.skipped());
        assertTrue(plan.skipped().stream().noneMatch(s -> s.contains("clamped")), "the exit itself is within the position: " + plan.skipped());
    }

    @Test
    void withoutTheDepositSharesTheExitIsStillBoundedByThePositionsValue() {
        RawSnapshot raw = snapshot();
        Portfolio p = new PortfolioValuer(CATALOGUE).value(addr(99), raw, Map.of());
        BuiltPlan plan = PlanMaker.make(strategy(), exitAll(p), p, raw.ethBalance(), BigInteger.ZERO, Map.of(), PlanMaker.venueRates(raw, Map.of()));
        BigInteger queued = queuedShares(plan);
        assertTrue(queued.compareTo(SHARES) <= 0 && queued.compareTo(SHARES.subtract(BigInteger.TWO)) >= 0, queued.toString());
    }

    @Test
    void aPartialExitKeepsItsSizeAndAFullOneTakesThePositionExactly() {
        BigDecimal position = new BigDecimal("3.499465419521462526");
        BigInteger wei = new BigInteger("3499465419521462526");
        assertEquals(E18, PlanMaker.exitOf(E18, position, 2.4), "partial: as the optimizer said");
        assertEquals(wei, PlanMaker.exitOf(wei.add(BigInteger.valueOf(174)), position, 0.0), "full: the position, not the double");
        assertEquals(wei, PlanMaker.exitOf(wei.add(BigInteger.valueOf(174)), position, 1e-9), "never more than the position");
    }

    @Test
    void heldUnitsComeFromTheSnapshot() {
        RawSnapshot raw = snapshot();
        Portfolio p = new PortfolioValuer(CATALOGUE).value(addr(99), raw, Map.of());
        Map<String, BigInteger> held = PlanMaker.held(CATALOGUE, p, raw.venueUnits());
        assertEquals(SHARES, held.get(EIGEN), "deposit shares, not the underlying and not the queued withdrawals");
        assertEquals(BigInteger.ZERO, held.get("lido-wsteth"), "no wstETH held: nothing to sell");
        assertTrue(!PlanMaker.held(CATALOGUE, p, Map.of()).containsKey(EIGEN));
    }
}

package io.lrtyield.strategy.optimizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lrtyield.strategy.optimizer.HandCheckedAllocationTest.problem;
import static io.lrtyield.strategy.optimizer.HandCheckedAllocationTest.venue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heuristic second pass for gas per action and minimum trade sizes. */
class FixedCostPassTest {

    private final AllocationOptimizer optimizer = new AllocationOptimizer();

    /**
     * The (50, 50) → (62.5, 37.5) rebalance of the hand-checked case gains 3.0625 − 3.0 = 0.0625 before gas. With
     * 0.2 gas per venue it is not worth it: hold, objective 3.0. With 0.01 per venue it is: 3.0625 − 0.02.
     */
    @Test
    void tradesThatDoNotCoverGasAreNotMade() {
        AllocationResult hold = optimizer.solve(twoVenues(0.2, 0));
        assertArrayEquals(new double[] {50, 50}, hold.amounts(), 0);
        assertEquals(3.0, hold.objective(), 1e-12);
        assertTrue(hold.allocations().stream().allMatch(VenueAllocation::held));

        AllocationResult trade = optimizer.solve(twoVenues(0.01, 0));
        assertArrayEquals(new double[] {62.5, 37.5}, trade.amounts(), 1e-9);
        assertEquals(3.0425, trade.objective(), 1e-9);
        assertEquals(0.01 + 0.005 * 12.5, trade.allocations().get(0).transitionCost(), 1e-12);
    }

    /**
     * Idle cash, two linear venues and a capped curved one: the linear venue at the margin sets the budget's shadow
     * price, so at that price its trade shows no gain — yet holding it at 0 idles its capital. The pass must keep it:
     * idle 0, the 3.0 % venue at its cap, the 2.8 % venue takes the rest (exact LP answer, gas paid once each).
     */
    @Test
    void aLinearVenueThatSetsThePriceOfCapitalIsNotDroppedForItsGas() {
        double h = 90 / 365.0;
        TradeCost gas = new TradeCost(0.0001, 0, 0.02, 0.1);
        AllocationProblem p = new AllocationProblem(List.of(
                new Venue("idle", 10_000, 0, 0, 0, 10_000, Double.POSITIVE_INFINITY, 0, TradeCost.NONE),
                new Venue("a", 0, 0.030, 0, 0, 5_000, Double.POSITIVE_INFINITY, 0, gas),
                new Venue("b", 0, 0.028, 0, 0, 5_000, Double.POSITIVE_INFINITY, 0, gas),
                new Venue("c", 0, 0.060, 1e-5, 0, 2_000, Double.POSITIVE_INFINITY, 0, gas)),
                List.of(), LiquidityReserve.NONE, 10_000, 1.0, h);
        AllocationResult r = optimizer.solve(p);
        assertEquals(0, r.amounts()[0], 1e-6, "no idle ETH while venues pay: " + r.allocations());
        assertEquals(5_000, r.amounts()[1], 1e-6);
        assertEquals(10_000 - 5_000 - r.amounts()[3], r.amounts()[2], 1e-6);
        assertTrue(r.allocations().stream().skip(1).noneMatch(VenueAllocation::held), r.allocations().toString());
    }

    /** A 12.5 ETH rebalance is below a 20 ETH minimum trade: no trade. */
    @Test
    void tradesBelowTheMinimumAreNotMade() {
        AllocationResult r = optimizer.solve(twoVenues(0, 20));
        assertArrayEquals(new double[] {50, 50}, r.amounts(), 0);
    }

    /**
     * Three venues; C's convex move is below its minimum trade, so C is held at its 10 ETH and A and B are
     * re-solved exactly: the same as the problem without C and 10 ETH less to allocate.
     */
    @Test
    void heldVenueIsFixedAndTheRestReSolvedExactly() {
        TradeCost ab = new TradeCost(0.001, 1e-5, 0, 0);
        TradeCost c = new TradeCost(0.001, 1e-5, 0, 50);
        Venue a = venue("A", 40, 0.05, 2e-4, 1e9, 0, ab);
        Venue b = venue("B", 50, 0.04, 2e-4, 1e9, 0, ab);
        AllocationProblem withC = problem(List.of(a, b, venue("C", 10, 0.045, 2e-4, 1e9, 0, c)), List.of(),
                LiquidityReserve.NONE);
        AllocationResult r = optimizer.solve(withC);
        assertEquals(10, r.amounts()[2], 0);
        assertTrue(r.allocations().get(2).held());
        assertFalse(r.allocations().get(0).held());
        assertEquals(2, r.passes());

        AllocationResult without = optimizer.solve(new AllocationProblem(List.of(a, b), List.of(),
                LiquidityReserve.NONE, 90, 0, 1));
        assertEquals(without.amounts()[0], r.amounts()[0], 1e-9);
        assertEquals(without.amounts()[1], r.amounts()[1], 1e-9);
        Feasibility.assertFeasible(withC, r.amounts(), "held C");
    }

    private static AllocationProblem twoVenues(double gas, double minTrade) {
        TradeCost cost = new TradeCost(0.005, 0, gas, minTrade);
        return problem(List.of(venue("A", 50, 0.05, 2e-4, 1e9, 0, cost), venue("B", 50, 0.03, 2e-4, 1e9, 0, cost)),
                List.of(), LiquidityReserve.NONE);
    }
}

package io.lrtyield.strategy.optimizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two- and three-venue problems whose optimum and shadow prices are worked out by hand in each test's comment. */
class HandCheckedAllocationTest {

    private static final double EPS = 1e-9;

    private final AllocationOptimizer optimizer = new AllocationOptimizer();

    static Venue venue(String id, double current, double apy, double decay, double cap, double delay, TradeCost cost) {
        return new Venue(id, current, apy, decay, 0, cap, Double.POSITIVE_INFINITY, delay, cost);
    }

    static AllocationProblem problem(List<Venue> venues, List<GroupCap> groups, LiquidityReserve reserve) {
        return new AllocationProblem(venues, groups, reserve, 100, 0, 1);
    }

    static BindingConstraint binding(AllocationResult result, BindingConstraint.Kind kind, String name) {
        return result.binding().stream().filter(b -> b.kind() == kind && b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not binding in " + result.binding()));
    }

    /** Flat APYs 5 % and 3 %, A capped at 60: fill A, rest to B. f = 0.05·60 + 0.03·40 = 4.2; cap worth 2 %. */
    @Test
    void capFillsTheBetterVenueFirst() {
        AllocationResult r = optimizer.solve(problem(List.of(venue("A", 0, 0.05, 0, 60, 0, TradeCost.NONE),
                venue("B", 0, 0.03, 0, Double.POSITIVE_INFINITY, 0, TradeCost.NONE)), List.of(), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {60, 40}, r.amounts(), EPS);
        assertEquals(4.2, r.objective(), EPS);
        assertEquals(0.02, binding(r, BindingConstraint.Kind.VENUE_CAP, "A").shadowPrice(), EPS);
        assertEquals(0.03, binding(r, BindingConstraint.Kind.BUDGET, "budget").shadowPrice(), EPS);
    }

    /**
     * Operator and AVS caps weighted by exposure. LRT A (6 %) has 0.5 of its value with operator X, LRT B (5 %) 0.8; C
     * (3 %) none. Operator X ≤ 30 ETH: 0.5·a + 0.8·b ≤ 30. Per ETH of X's cap A earns (0.06 − 0.03)/0.5 = 0.06, B
     * (0.05 − 0.03)/0.8 = 0.025: all of X's room goes to A, a = 60, b = 0, c = 40; f = 0.06·60 + 0.03·40 = 4.8.
     * Shadow price of X's cap: 0.06 (one more ETH of cap lets A take 2 ETH more from C: 2·0.03). Then an AVS cap on
     * A's slashable share (0.4·a ≤ 16) binds too: a = 40, X has 30 − 20 = 10 left for B: b = 12.5, c = 47.5;
     * f = 0.06·40 + 0.05·12.5 + 0.03·47.5 = 4.45. X's price is B's: 0.025; the AVS's: (0.06 − 0.03 − 0.5·0.025)/0.4 = 0.04375.
     */
    @Test
    void operatorAndAvsCapsWeightedByExposureBindWithTheirShadowPrices() {
        List<Venue> venues = List.of(venue("A", 0, 0.06, 0, 1e9, 0, TradeCost.NONE), venue("B", 0, 0.05, 0, 1e9, 0, TradeCost.NONE),
                venue("C", 0, 0.03, 0, 1e9, 0, TradeCost.NONE));
        GroupCap operator = new GroupCap("operator:X", GroupCap.Kind.OPERATOR, 30, List.of("A", "B"), List.of(0.5, 0.8));
        AllocationResult r = optimizer.solve(problem(venues, List.of(operator), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {60, 0, 40}, r.amounts(), EPS);
        assertEquals(4.8, r.objective(), EPS);
        BindingConstraint x = binding(r, BindingConstraint.Kind.GROUP_CAP, "operator:X");
        assertEquals(30, x.value(), EPS);
        assertEquals(0.06, x.shadowPrice(), EPS);

        GroupCap avs = new GroupCap("avs:da/0", GroupCap.Kind.AVS, 16, List.of("A"), List.of(0.4));
        AllocationResult both = optimizer.solve(problem(venues, List.of(operator, avs), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {40, 12.5, 47.5}, both.amounts(), EPS);
        assertEquals(4.45, both.objective(), EPS);
        assertEquals(0.025, binding(both, BindingConstraint.Kind.GROUP_CAP, "operator:X").shadowPrice(), EPS);
        assertEquals(0.04375, binding(both, BindingConstraint.Kind.GROUP_CAP, "avs:da/0").shadowPrice(), EPS);
    }

    /**
     * APY falls 0.02 % per ETH in both (q = 4e-4): equal marginals 0.05 − 4e-4·a = 0.03 − 4e-4·b with a + b = 100 give
     * a = 75, b = 25; f = 75·0.035 + 25·0.025 = 3.25; budget price 0.05 − 4e-4·75 = 0.02.
     */
    @Test
    void sizeDecayEqualisesMarginalYields() {
        AllocationResult r = optimizer.solve(problem(List.of(venue("A", 0, 0.05, 2e-4, 1e9, 0, TradeCost.NONE),
                venue("B", 0, 0.03, 2e-4, 1e9, 0, TradeCost.NONE)), List.of(), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {75, 25}, r.amounts(), EPS);
        assertEquals(3.25, r.objective(), EPS);
        assertEquals(0.02, binding(r, BindingConstraint.Kind.BUDGET, "budget").shadowPrice(), EPS);
    }

    /**
     * From (50, 50), moving a unit from B to A gains 0.05 − 0.03 − 4e-4·(a − b) before costs, minus 2c. With
     * c = 1.2 % the first unit already loses 0.004: stay exactly (the kink of |x − x0|). With c = 0.5 %: 0.02 − 4e-4·(a − b) = 0.01 gives a = 62.5, b = 37.5;
     * f = 62.5·0.0375 + 37.5·0.0225 − 0.005·25 = 3.0625.
     */
    @Test
    void linearCostMakesANoTradeBand() {
        TradeCost wide = new TradeCost(0.012, 0, 0, 0);
        AllocationResult stay = optimizer.solve(problem(List.of(venue("A", 50, 0.05, 2e-4, 1e9, 0, wide),
                venue("B", 50, 0.03, 2e-4, 1e9, 0, wide)), List.of(), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {50, 50}, stay.amounts(), 0);
        assertEquals(3.0, stay.objective(), EPS);

        TradeCost narrow = new TradeCost(0.005, 0, 0, 0);
        AllocationResult move = optimizer.solve(problem(List.of(venue("A", 50, 0.05, 2e-4, 1e9, 0, narrow),
                venue("B", 50, 0.03, 2e-4, 1e9, 0, narrow)), List.of(), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {62.5, 37.5}, move.amounts(), EPS);
        assertEquals(3.0625, move.objective(), EPS);
        assertEquals(0.125, move.allocations().get(0).transitionCost() + move.allocations().get(1).transitionCost(), EPS);
    }

    /**
     * Flat APYs A 6 % (7-day exit, protocol X), B 5 % (X, instant), C 3 % (protocol Y, instant); X capped at 70,
     * reserve ≥ 50 within 1 day. Reserve forces A ≤ 50, the X cap leaves B 20, C takes 30: f = 3 + 1 + 0.9 = 4.9.
     * Marginal equations (all interior): A: 0.06 − ν − μ = 0, B: 0.05 − ν − μ + ρ = 0, C: 0.03 − ν + ρ = 0 give
     * ρ = 0.01, ν = 0.04, μ = 0.02 — checked by perturbing each limit by one ETH by hand.
     */
    @Test
    void groupCapAndReserveBindWithTheirShadowPrices() {
        AllocationProblem p = problem(List.of(venue("A", 0, 0.06, 0, 1e9, 7, TradeCost.NONE),
                        venue("B", 0, 0.05, 0, 1e9, 0, TradeCost.NONE), venue("C", 0, 0.03, 0, 1e9, 0, TradeCost.NONE)),
                List.of(new GroupCap("protocol:X", GroupCap.Kind.PROTOCOL, 70, List.of("A", "B"))),
                new LiquidityReserve(1, 50));
        AllocationResult r = optimizer.solve(p);
        assertArrayEquals(new double[] {50, 20, 30}, r.amounts(), 1e-7);
        assertEquals(4.9, r.objective(), 1e-9);
        assertEquals(0.04, binding(r, BindingConstraint.Kind.BUDGET, "budget").shadowPrice(), 1e-9);
        assertEquals(0.02, binding(r, BindingConstraint.Kind.GROUP_CAP, "protocol:X").shadowPrice(), 1e-9);
        assertEquals(-0.01, binding(r, BindingConstraint.Kind.RESERVE, "reserve").shadowPrice(), 1e-9);
    }

    /** The exit-liquidity cap is the tighter bound: A stops at 30 and the binding list says why. */
    @Test
    void exitLiquidityCapIsReportedAsSuch() {
        Venue a = new Venue("A", 0, 0.05, 0, 0, 80, 30, 0, TradeCost.NONE);
        AllocationResult r = optimizer.solve(problem(List.of(a, venue("B", 0, 0.03, 0, 1e9, 0, TradeCost.NONE)),
                List.of(), LiquidityReserve.NONE));
        assertArrayEquals(new double[] {30, 70}, r.amounts(), EPS);
        BindingConstraint exit = binding(r, BindingConstraint.Kind.EXIT_LIQUIDITY_CAP, "A");
        assertEquals(30, exit.limit(), 0);
        assertEquals(0.02, exit.shadowPrice(), EPS);
    }

    /** Risk aversion λ = 0.5 charges 0.5·risk APY points: A 6 % with risk 0.04 nets 4 % < B's 4.5 %. */
    @Test
    void riskAversionOverridesHeadlineApy() {
        Venue a = new Venue("A", 0, 0.06, 0, 0.04, 1e9, Double.POSITIVE_INFINITY, 0, TradeCost.NONE);
        Venue b = new Venue("B", 0, 0.045, 0, 0, 1e9, Double.POSITIVE_INFINITY, 0, TradeCost.NONE);
        AllocationResult r = optimizer.solve(new AllocationProblem(List.of(a, b), List.of(), LiquidityReserve.NONE,
                100, 0.5, 0.5));
        assertArrayEquals(new double[] {0, 100}, r.amounts(), EPS);
        assertEquals(100 * 0.045 * 0.5, r.objective(), EPS);
        assertFalse(r.allocations().get(1).held());
        assertTrue(r.dualityGap() <= 1e-12);
    }
}

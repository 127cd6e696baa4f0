package io.lrtyield.strategy.optimizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lrtyield.strategy.optimizer.HandCheckedAllocationTest.problem;
import static io.lrtyield.strategy.optimizer.HandCheckedAllocationTest.venue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid or infeasible problems are rejected with a message that says what is wrong. */
class InvalidProblemTest {

    private final AllocationOptimizer optimizer = new AllocationOptimizer();

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
    }

    @Test
    void nonFiniteAndNegativeNumbersAreRejected() {
        assertMessage("A.apy must be a finite number", () -> venue("A", 0, Double.NaN, 0, 10, 0, TradeCost.NONE));
        assertMessage("A.current must be >= 0", () -> venue("A", -1, 0.03, 0, 10, 0, TradeCost.NONE));
        assertMessage("A.cap must be >= 0", () -> venue("A", 0, 0.03, 0, -5, 0, TradeCost.NONE));
        assertMessage("A.cap must be >= 0", () -> venue("A", 0, 0.03, 0, Double.NaN, 0, TradeCost.NONE));
        assertMessage("perUnit cost must be >= 0", () -> new TradeCost(-0.001, 0, 0, 0));
        assertMessage("total must be a finite number", () -> new AllocationProblem(List.of(
                venue("A", 0, 0.03, 0, 10, 0, TradeCost.NONE)), List.of(), null, Double.POSITIVE_INFINITY, 0, 1));
        assertMessage("horizonYears must be > 0", () -> new AllocationProblem(List.of(
                venue("A", 0, 0.03, 0, 10, 0, TradeCost.NONE)), List.of(), null, 10, 0, 0));
        assertMessage("reserve minimum must be >= 0", () -> new LiquidityReserve(1, -1));
    }

    @Test
    void inconsistentReferencesAreRejected() {
        Venue a = venue("A", 0, 0.03, 0, 100, 0, TradeCost.NONE);
        assertMessage("duplicate venue id A", () -> problem(List.of(a, a), List.of(), null));
        assertMessage("group g names unknown venue Z", () -> problem(List.of(a),
                List.of(new GroupCap("g", GroupCap.Kind.OTHER, 10, List.of("Z"))), null));
    }

    @Test
    void capsThatCannotHoldTheTotalAreInfeasible() {
        assertMessage("infeasible: venue caps", () -> optimizer.solve(problem(List.of(
                venue("A", 0, 0.03, 0, 40, 0, TradeCost.NONE), venue("B", 0, 0.03, 0, 50, 0, TradeCost.NONE)),
                List.of(), null)));
        assertMessage("infeasible: with group caps", () -> optimizer.solve(problem(List.of(
                venue("A", 0, 0.03, 0, 80, 0, TradeCost.NONE), venue("B", 0, 0.03, 0, 80, 0, TradeCost.NONE)),
                List.of(new GroupCap("g", GroupCap.Kind.PROTOCOL, 30, List.of("A", "B"))), null)));
    }

    @Test
    void reserveThatCannotBeMetIsInfeasible() {
        assertMessage("venues redeemable within 1.0 days can hold at most 30.0 < reserve 40.0", () -> optimizer.solve(
                problem(List.of(venue("A", 0, 0.03, 0, 30, 0, TradeCost.NONE),
                        venue("B", 0, 0.03, 0, 100, 7, TradeCost.NONE)), List.of(), new LiquidityReserve(1, 40))));
    }

    /**
     * Three pairwise group caps of 10: every venue could hold 10 on its own (30 ≥ 20) but summing the three caps
     * gives 2·Σx ≤ 30, so 20 cannot be placed. Only the solver sees this; it still says which row fails.
     */
    @Test
    void overlappingGroupsThatCannotHoldTheTotalAreInfeasible() {
        List<Venue> venues = List.of(venue("A", 0, 0.03, 1e-4, 1e9, 0, TradeCost.NONE),
                venue("B", 0, 0.04, 1e-4, 1e9, 0, TradeCost.NONE), venue("C", 0, 0.05, 1e-4, 1e9, 0, TradeCost.NONE));
        List<GroupCap> groups = List.of(new GroupCap("AB", GroupCap.Kind.OTHER, 10, List.of("A", "B")),
                new GroupCap("BC", GroupCap.Kind.OTHER, 10, List.of("B", "C")),
                new GroupCap("AC", GroupCap.Kind.OTHER, 10, List.of("A", "C")));
        assertMessage("infeasible", () -> optimizer.solve(new AllocationProblem(venues, groups, null, 20, 0, 1)));
    }
}

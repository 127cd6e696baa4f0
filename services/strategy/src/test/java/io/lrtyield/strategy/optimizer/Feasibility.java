package io.lrtyield.strategy.optimizer;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts an allocation keeps every constraint of its problem, computed from the problem's fields. */
final class Feasibility {

    private Feasibility() {
    }

    static void assertFeasible(AllocationProblem problem, double[] x, String context) {
        double tol = 1e-9 * problem.total();
        double sum = 0;
        Map<String, Double> byId = new HashMap<>();
        double liquid = 0;
        for (int i = 0; i < x.length; i++) {
            Venue v = problem.venues().get(i);
            assertTrue(x[i] >= 0, context + ": " + v.id() + " negative " + x[i]);
            assertTrue(x[i] <= v.cap() && x[i] <= v.exitLiquidityCap(),
                    context + ": " + v.id() + " = " + x[i] + " above cap " + v.upperBound());
            sum += x[i];
            byId.put(v.id(), x[i]);
            liquid += problem.reserve().counts(v) ? x[i] : 0;
        }
        assertEquals(problem.total(), sum, tol, context + ": budget");
        for (GroupCap g : problem.groups()) {
            double held = 0;
            for (int k = 0; k < g.venues().size(); k++) {
                held += g.weight(k) * byId.get(g.venues().get(k));
            }
            assertTrue(held <= g.cap() + tol, context + ": group " + g.name() + " holds " + held + " > " + g.cap());
        }
        assertTrue(liquid >= problem.reserve().minimum() - tol,
                context + ": reserve " + liquid + " < " + problem.reserve().minimum());
    }
}

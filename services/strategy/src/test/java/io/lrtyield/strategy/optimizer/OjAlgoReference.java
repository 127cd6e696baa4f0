package io.lrtyield.strategy.optimizer;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same convex problem in ojAlgo's {@link ExpressionsBasedModel} (its convex QP solver), for tests and the
 * benchmark. |x − x0| is modelled with split variables: x − buy + sell = x0, buy, sell ≥ 0, cost c·(buy + sell);
 * (x − x0)² is expanded into x² and x terms. Amounts are scaled by the total (variables in [0, 1], objective per
 * ETH allocated) so ojAlgo works on well-conditioned numbers. Gas and minimum trades are not modelled (they are not convex).
 */
public final class OjAlgoReference {

    private OjAlgoReference() {
    }

    /** ojAlgo's active-set solver can cycle on degenerate instances; it is stopped after this long. */
    static final long ABORT_MILLIS = 3_000;

    /**
     * ojAlgo's allocation in venue order (null if ojAlgo failed) and whether ojAlgo reports it optimal (false: it was
     * stopped or failed).
     */
    public record Reference(double[] amounts, boolean optimal) {
    }

    /** The reference allocation, in venue order. */
    public static Reference solve(AllocationProblem problem) {
        List<Venue> venues = problem.venues();
        int n = venues.size();
        double h = problem.horizonYears();
        double total = problem.total();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        model.options.time_abort = ABORT_MILLIS;
        Variable[] x = new Variable[n];
        Map<String, Variable> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Venue v = venues.get(i);
            x[i] = model.newVariable("x" + i).lower(0);
            if (Double.isFinite(v.upperBound())) {
                x[i].upper(v.upperBound() / total);
            }
            byId.put(v.id(), x[i]);
        }
        Expression objective = model.newExpression("objective").weight(1);
        Expression budget = model.newExpression("budget").level(1);
        for (int i = 0; i < n; i++) {
            Venue v = venues.get(i);
            double k = v.cost().quadratic();
            double linear = (v.apy() - problem.riskAversion() * v.risk()) * h + 2 * k * v.current();
            objective.set(x[i], linear);
            objective.set(x[i], x[i], -(v.apyDecayPerUnit() * h + k) * total);
            budget.set(x[i], 1);
            if (v.cost().perUnit() > 0) {
                Variable buy = model.newVariable("buy" + i).lower(0);
                Variable sell = model.newVariable("sell" + i).lower(0);
                model.newExpression("trade" + i).level(v.current() / total).set(x[i], 1).set(buy, -1).set(sell, 1);
                objective.set(buy, -v.cost().perUnit());
                objective.set(sell, -v.cost().perUnit());
            }
        }
        for (GroupCap g : problem.groups()) {
            Expression row = model.newExpression(g.name()).upper(g.cap() / total);
            for (int k = 0; k < g.venues().size(); k++) {
                row.set(byId.get(g.venues().get(k)), g.weight(k));
            }
        }
        if (problem.reserve().minimum() > 0) {
            Expression row = model.newExpression("reserve").lower(problem.reserve().minimum() / total);
            for (int i = 0; i < n; i++) {
                if (problem.reserve().counts(venues.get(i))) {
                    row.set(x[i], 1);
                }
            }
        }
        Optimisation.Result result = model.maximise();
        if (result.getState().isFailure()) {
            return new Reference(null, false);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = result.doubleValue(i) * total;
        }
        return new Reference(out, result.getState().isOptimal());
    }

    /** f(x) computed from the problem's fields directly (independent of the optimizer's internal form). */
    public static double objective(AllocationProblem problem, double[] x) {
        double f = 0;
        double h = problem.horizonYears();
        for (int i = 0; i < x.length; i++) {
            Venue v = problem.venues().get(i);
            double t = x[i] - v.current();
            double apy = v.apy() - v.apyDecayPerUnit() * x[i] - problem.riskAversion() * v.risk();
            f += apy * h * x[i] - v.cost().perUnit() * Math.abs(t) - v.cost().quadratic() * t * t;
        }
        return f;
    }
}

package io.lrtyield.strategy.optimizer;

import java.util.ArrayList;
import java.util.List;

/** Turns the solver's arrays into the result: per-venue contributions and the tight constraints with prices. */
final class ResultBuilder {

    private ResultBuilder() {
    }

    static AllocationResult build(AllocationProblem problem, SeparableQp qp, DualNewtonSolver solver, double[] x,
                                  boolean[] held, double gap, double objective, int passes) {
        double scale = Math.max(qp.total, 1e-300);
        double tiny = 1e-12 * scale;
        List<VenueAllocation> allocations = new ArrayList<>(qp.n);
        for (int i = 0; i < qp.n; i++) {
            double v = x[i];
            double t = v - qp.x0[i];
            double yield = qp.p[i] * v - 0.5 * qp.q[i] * v * v;
            double cost = qp.c[i] * Math.abs(t) + qp.k[i] * t * t + (Math.abs(t) > tiny ? qp.gas[i] : 0);
            allocations.add(new VenueAllocation(problem.venues().get(i).id(), qp.x0[i], v, t, yield, cost,
                    yield - cost, held[i]));
        }
        List<BindingConstraint> binding = new ArrayList<>();
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        binding.add(new BindingConstraint(BindingConstraint.Kind.BUDGET, "budget", sum, qp.total, solver.mu[0]));
        double tight = 1e-10 * scale;
        ShadowPrices prices = new ShadowPrices(qp, solver);
        for (int i = 0; i < qp.n; i++) {
            Venue venue = problem.venues().get(i);
            if (!held[i] && Double.isFinite(qp.hi[i]) && x[i] >= qp.hi[i] - tight) {
                var kind = venue.exitLiquidityCap() < venue.cap()
                        ? BindingConstraint.Kind.EXIT_LIQUIDITY_CAP : BindingConstraint.Kind.VENUE_CAP;
                binding.add(new BindingConstraint(kind, venue.id(), x[i], qp.hi[i], prices.capPrice(i)));
            }
        }
        for (int j = 1; j < qp.m; j++) {
            double rowSum = 0;
            for (int e = qp.rowStart[j]; e < qp.rowStart[j + 1]; e++) {
                rowSum += qp.rowCoef[e] / qp.a[j] * x[qp.rowVenue[e]];
            }
            double limit = qp.a[j] * qp.b[j];
            if (Math.abs(rowSum - limit) <= tight) {
                boolean reserve = j == qp.reserveRow;
                binding.add(new BindingConstraint(reserve ? BindingConstraint.Kind.RESERVE
                        : BindingConstraint.Kind.GROUP_CAP, reserve ? "reserve" : problem.groups().get(j - 1).name(),
                        rowSum, limit, reserve ? -solver.mu[j] : solver.mu[j]));
            }
        }
        return new AllocationResult(allocations, objective, binding, gap, solver.iterations, passes);
    }
}

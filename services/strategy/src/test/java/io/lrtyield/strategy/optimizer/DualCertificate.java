package io.lrtyield.strategy.optimizer;

import java.util.HashMap;
import java.util.Map;

/**
 * An optimality certificate computed from the result alone, independently of the solver: with the reported shadow
 * prices as Lagrange multipliers, weak duality gives f* ≤ θ = Σᵢ max_{0≤v≤capᵢ} Lᵢ(v) + ν·total + Σ μ_g·C_g − ρ·R,
 * where each venue's maximum of a concave piecewise quadratic is found among its bounds, its kink and the
 * stationary point of each side. For a feasible x, θ − f(x) bounds how far x is from optimal.
 */
final class DualCertificate {

    private DualCertificate() {
    }

    /** θ − f(x) for the convex problem (no gas, no held venues). */
    static double gap(AllocationProblem problem, AllocationResult result) {
        double nu = 0;
        double rho = 0;
        Map<String, Double> groupPrice = new HashMap<>();
        for (BindingConstraint b : result.binding()) {
            switch (b.kind()) {
                case BUDGET -> nu = b.shadowPrice();
                case GROUP_CAP -> groupPrice.put(b.name(), b.shadowPrice());
                case RESERVE -> rho = -b.shadowPrice();
                default -> { }
            }
        }
        Map<String, Double> venuePrice = new HashMap<>();
        for (Venue v : problem.venues()) {
            venuePrice.put(v.id(), problem.reserve().minimum() > 0 && problem.reserve().counts(v) ? rho - nu : -nu);
        }
        double theta = nu * problem.total() - rho * problem.reserve().minimum();
        for (GroupCap g : problem.groups()) {
            double mu = groupPrice.getOrDefault(g.name(), 0.0);
            theta += mu * g.cap();
            for (int k = 0; k < g.venues().size(); k++) {
                venuePrice.merge(g.venues().get(k), -mu * g.weight(k), Double::sum);
            }
        }
        double h = problem.horizonYears();
        for (Venue v : problem.venues()) {
            double s = (v.apy() - problem.riskAversion() * v.risk()) * h + venuePrice.get(v.id());
            double q = 2 * v.apyDecayPerUnit() * h;
            double c = v.cost().perUnit();
            double k = v.cost().quadratic();
            double x0 = v.current();
            double u = v.upperBound();
            double curvature = q + 2 * k;
            if (!Double.isFinite(u) && curvature == 0 && s - c > 1e-12) {
                return Double.POSITIVE_INFINITY;
            }
            double best = Double.NEGATIVE_INFINITY;
            double[] candidates = {0, u, x0, curvature > 0 ? (s - c + 2 * k * x0) / curvature : 0,
                    curvature > 0 ? (s + c + 2 * k * x0) / curvature : 0};
            for (double cand : candidates) {
                double vv = Math.min(Math.max(cand, 0), u);
                if (Double.isFinite(vv)) {
                    double t = vv - x0;
                    best = Math.max(best, s * vv - 0.5 * q * vv * vv - c * Math.abs(t) - k * t * t);
                }
            }
            theta += best;
        }
        return theta - OjAlgoReference.objective(problem, result.amounts());
    }
}

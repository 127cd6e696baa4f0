package io.lrtyield.strategy.optimizer;

/**
 * What the solver's multipliers say about its answer, always for the original data (no proximal term): the duality
 * gap that certifies optimality, the shadow price of a venue's cap, and what a venue's trade is worth with capital
 * priced at the multipliers.
 */
final class ShadowPrices {

    private final SeparableQp qp;
    private final DualNewtonSolver solver;
    private final double priceScale;

    ShadowPrices(SeparableQp qp, DualNewtonSolver solver) {
        this.qp = qp;
        this.solver = solver;
        double scale = 0;
        for (int i = 0; i < qp.n; i++) {
            scale = Math.max(scale, Math.abs(qp.p[i]) + qp.c[i]);
        }
        this.priceScale = scale > 0 ? scale : 1;
    }

    /** θ(μ) − f(x) for the original data: an upper bound on how far f(x) is below the optimum. */
    double dualityGap() {
        double theta = 0;
        double f = 0;
        for (int i = 0; i < qp.n; i++) {
            double si = originalPrice(i);
            double best = Double.NEGATIVE_INFINITY;
            double lo = solver.lo[i];
            double hi = solver.hi[i];
            for (double v : new double[] {lo, hi, Math.min(Math.max(qp.x0[i], lo), hi), solver.x[i]}) {
                if (Double.isFinite(v)) {
                    best = Math.max(best, lagrangianTerm(i, si, v));
                }
            }
            if (hi == Double.POSITIVE_INFINITY && qp.q[i] + 2 * qp.k[i] == 0 && si > qp.c[i] + 1e-12 * priceScale) {
                best = Double.POSITIVE_INFINITY;
            }
            double hOriginal = qp.q[i] + 2 * qp.k[i];
            if (hOriginal > 0) {
                double d = si - qp.q[i] * qp.x0[i];
                double v = qp.x0[i] + (d > qp.c[i] ? d - qp.c[i] : d < -qp.c[i] ? d + qp.c[i] : 0) / hOriginal;
                best = Math.max(best, lagrangianTerm(i, si, Math.min(Math.max(v, lo), hi)));
            }
            theta += best;
            f += qp.term(i, solver.x[i]);
        }
        for (int j = 0; j < qp.m; j++) {
            theta += solver.mu[j] * qp.b[j];
        }
        return theta - f;
    }

    private double lagrangianTerm(int i, double si, double v) {
        double t = v - qp.x0[i];
        return si * v - 0.5 * qp.q[i] * v * v - qp.c[i] * Math.abs(t) - qp.k[i] * t * t;
    }

    /** Shadow price of venue i's upper bound: the Lagrangian's left derivative at hi (≥ 0 when the cap binds). */
    double capPrice(int i) {
        double v = solver.hi[i];
        double si = originalPrice(i);
        double derivative = si - qp.q[i] * v - 2 * qp.k[i] * (v - qp.x0[i]) - (v > qp.x0[i] ? qp.c[i] : -qp.c[i]);
        return Math.max(0, derivative);
    }

    /**
     * What venue i's trade is worth with capital priced at the multipliers: L(xᵢ) − L(x0ᵢ) for its Lagrangian term
     * (≥ 0, since xᵢ maximises it). The fixed-cost pass compares it with gas.
     */
    double tradeGain(int i) {
        double si = originalPrice(i);
        return lagrangianTerm(i, si, solver.x[i]) - lagrangianTerm(i, si, qp.x0[i]);
    }

    /** sᵢ for the original data (no proximal term): pᵢ − Σⱼ aⱼμⱼ. */
    private double originalPrice(int i) {
        double si = qp.p[i];
        for (int e = qp.venueStart[i]; e < qp.venueStart[i + 1]; e++) {
            si -= qp.venueCoef[e] * solver.mu[qp.venueRow[e]];
        }
        return si;
    }
}

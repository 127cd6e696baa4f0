package io.lrtyield.strategy.optimizer;

import java.util.Arrays;

/**
 * Exact solver of {@link SeparableQp} on the box [lo, hi]. See {@link AllocationOptimizer} for the method; in short:
 * the Lagrangian separates per venue, each venue's maximiser is a closed-form clip of a soft-threshold, and the dual
 * (m multipliers: budget, group caps, reserve) is a convex piecewise-quadratic function minimised by a projected
 * semismooth Newton method with exact coordinate minimisation as fallback. Venues with no curvature get a proximal
 * term that the outer loop drives to zero.
 */
final class DualNewtonSolver {

    /** Raised when a row cannot be satisfied; {@link #row} names it. */
    static final class Infeasible extends RuntimeException {
        final int row;

        Infeasible(int row, String detail) {
            super(detail, null, false, false);
            this.row = row;
        }
    }

    private static final int MAX_ITERATIONS = 200;
    private static final int MAX_PROXIMAL_ROUNDS = 2000;
    private static final double FEASIBILITY = 1e-12;
    private static final double GAP = 1e-13;

    private final SeparableQp qp;
    final double[] lo;
    final double[] hi;
    final double[] x;
    final double[] mu;
    private final double[] p;
    private final double[] q;
    private final double[] h;
    private final double[] s;
    private final double[] g;
    private final boolean[] free;
    private final double[] base;
    private final double[] breaks;
    private final double[] hessian;
    private final double[] trial;
    private final double[] direction;
    private final int[] pos;
    private final boolean[] flatRow;
    private final double scaleX;
    private final double scaleP;
    private double violation;
    private double gapBound;
    private double objScale;
    private double damping = 1e-4;
    int iterations;

    DualNewtonSolver(SeparableQp qp) {
        this.qp = qp;
        int n = qp.n;
        int m = qp.m;
        lo = new double[n];
        hi = qp.hi.clone();
        x = new double[n];
        mu = new double[m];
        p = qp.p.clone();
        q = qp.q.clone();
        h = new double[n];
        s = new double[n];
        g = new double[m];
        free = new boolean[n];
        int longestRow = 0;
        for (int j = 0; j < m; j++) {
            longestRow = Math.max(longestRow, qp.rowStart[j + 1] - qp.rowStart[j]);
        }
        base = new double[longestRow];
        breaks = new double[4 * longestRow + 1];
        hessian = new double[m * m];
        trial = new double[m];
        direction = new double[m];
        pos = new int[m];
        flatRow = new boolean[m];
        scaleX = qp.total > 0 ? qp.total : 1;
        double sp = 0;
        for (int i = 0; i < n; i++) {
            sp = Math.max(sp, Math.abs(qp.p[i]) + qp.c[i] + (qp.q[i] + 2 * qp.k[i]) * scaleX);
        }
        scaleP = sp > 0 ? sp : 1;
    }

    /** Solves for the current bounds, warm-started from {@link #mu}; returns the duality gap of the original problem. */
    double solve() {
        int n = qp.n;
        boolean[] flat = new boolean[n];
        boolean anyFlat = false;
        for (int i = 0; i < n; i++) {
            p[i] = qp.p[i];
            q[i] = qp.q[i];
            flat[i] = (qp.q[i] + 2 * qp.k[i]) * scaleX <= 1e-9 * scaleP && lo[i] < hi[i];
            anyFlat |= flat[i];
        }
        if (!anyFlat) {
            solveStrict();
            return new ShadowPrices(qp, this).dualityGap();
        }
        // proximal point on the flat venues: maximise f(x) − (ε/2)·Σ_flat (xᵢ − yᵢ)², then y ← x, until x = y, where
        // the proximal term and its gradient vanish and x solves the original problem
        double eps = 1e-2 * scaleP / scaleX;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.min(Math.max(qp.x0[i], lo[i]), hi[i]);
        }
        for (int round = 0; round < MAX_PROXIMAL_ROUNDS; round++) {
            for (int i = 0; i < n; i++) {
                if (flat[i]) {
                    p[i] = qp.p[i] + eps * y[i];
                    q[i] = qp.q[i] + eps;
                }
            }
            solveStrict();
            double moved = 0;
            for (int i = 0; i < n; i++) {
                if (flat[i]) {
                    moved = Math.max(moved, Math.abs(x[i] - y[i]));
                    y[i] = x[i];
                }
            }
            if (moved <= 1e-13 * scaleX) {
                break;
            }
        }
        return new ShadowPrices(qp, this).dualityGap();
    }

    private void solveStrict() {
        for (int i = 0; i < qp.n; i++) {
            h[i] = q[i] + 2 * qp.k[i];
        }
        evaluate(mu);
        sweep();
        double theta = evaluate(mu);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            iterations++;
            if (violation <= FEASIBILITY * scaleX && gapBound <= GAP * objScale) {
                return;
            }
            if (newton(theta)) {
                for (int j = 0; j < qp.m; j++) {
                    if (flatRow[j]) {
                        coordinate(j);
                    }
                }
            } else {
                sweep();
            }
            theta = evaluate(mu);
            for (double multiplier : mu) {
                if (Math.abs(multiplier) > 1e12 * scaleP) {
                    throw new Infeasible(worstRow(), "multipliers diverge");
                }
            }
        }
        if (violation > 1e-9 * scaleX) {
            throw new Infeasible(worstRow(), "no feasible point found");
        }
    }

    /** Lagrangian maximiser for all venues at multipliers m; fills s, x, free, g; returns the dual value θ(m). */
    private double evaluate(double[] m) {
        double theta = 0;
        double scale = 0;
        for (int i = 0; i < qp.n; i++) {
            double si = p[i];
            for (int e = qp.venueStart[i]; e < qp.venueStart[i + 1]; e++) {
                int j = qp.venueRow[e];
                si -= qp.venueCoef[e] * m[j];
            }
            s[i] = si;
            double v = argmax(i, si);
            x[i] = v;
            double t = v - qp.x0[i];
            double yield = si * v - 0.5 * q[i] * v * v;
            double cost = qp.c[i] * Math.abs(t) + qp.k[i] * t * t;
            theta += yield - cost;
            scale += Math.abs(p[i] * v) + 0.5 * q[i] * v * v + cost;
        }
        double viol = 0;
        double gap = 0;
        for (int j = 0; j < qp.m; j++) {
            double sum = 0;
            for (int e = qp.rowStart[j]; e < qp.rowStart[j + 1]; e++) {
                sum += qp.rowCoef[e] * x[qp.rowVenue[e]];
            }
            g[j] = qp.b[j] - sum;
            theta += m[j] * qp.b[j];
            viol = Math.max(viol, qp.equality[j] ? Math.abs(g[j]) : -g[j]);
            gap += Math.abs(m[j] * g[j]);
        }
        violation = viol;
        gapBound = gap;
        objScale = scale + Double.MIN_NORMAL;
        return theta;
    }

    /** argmax over [lo, hi] of s·v − ½q·v² − c|v − x0| − k(v − x0)²: a clipped soft-threshold. */
    private double argmax(int i, double si) {
        double x0 = qp.x0[i];
        double c = qp.c[i];
        double d = si - q[i] * x0;
        double v;
        boolean moving = true;
        if (d > c) {
            v = x0 + (d - c) / h[i];
        } else if (d < -c) {
            v = x0 + (d + c) / h[i];
        } else {
            v = x0;
            moving = false;
        }
        if (v <= lo[i]) {
            v = lo[i];
            moving = false;
        } else if (v >= hi[i]) {
            v = hi[i];
            moving = false;
        }
        free[i] = moving;
        return v;
    }

    /**
     * One projected Newton step on the dual, rows at a zero multiplier with a feasible slack held fixed; rows whose
     * curvature vanishes (no free venue) are left to exact coordinate steps. Returns false if no acceptable step.
     */
    private boolean newton(double theta) {
        int m = qp.m;
        int w = 0;
        for (int j = 0; j < m; j++) {
            pos[j] = !qp.equality[j] && mu[j] == 0 && g[j] > 0 ? -1 : w++;
            flatRow[j] = false;
        }
        if (w == 0) {
            return false;
        }
        Arrays.fill(hessian, 0, w * w, 0);
        for (int i = 0; i < qp.n; i++) {
            if (!free[i]) {
                continue;
            }
            double inv = 1 / h[i];
            for (int e1 = qp.venueStart[i]; e1 < qp.venueStart[i + 1]; e1++) {
                int j1 = qp.venueRow[e1];
                int r = pos[j1];
                if (r < 0) {
                    continue;
                }
                for (int e2 = qp.venueStart[i]; e2 < qp.venueStart[i + 1]; e2++) {
                    int col = pos[qp.venueRow[e2]];
                    if (col >= 0) {
                        hessian[r * w + col] += qp.venueCoef[e1] * qp.venueCoef[e2] * inv;
                    }
                }
            }
        }
        double maxDiag = 0;
        for (int r = 0; r < w; r++) {
            maxDiag = Math.max(maxDiag, hessian[r * w + r]);
        }
        if (maxDiag == 0) {
            return false;
        }
        for (int j = 0; j < m; j++) {
            int r = pos[j];
            direction[j] = 0;
            if (r >= 0 && hessian[r * w + r] <= 1e-12 * maxDiag) {
                flatRow[j] = true;
                for (int col = 0; col < w; col++) {
                    hessian[r * w + col] = 0;
                    hessian[col * w + r] = 0;
                }
                hessian[r * w + r] = 1;
            } else if (r >= 0) {
                hessian[r * w + r] += damping * hessian[r * w + r] + 1e-14 * maxDiag;
                direction[j] = -g[j];
            }
        }
        double[] rhs = new double[w];
        for (int j = 0; j < m; j++) {
            if (pos[j] >= 0) {
                rhs[pos[j]] = direction[j];
            }
        }
        if (!DenseCholesky.solveInPlace(hessian, w, rhs)) {
            return false;
        }
        double slope = 0;
        for (int j = 0; j < m; j++) {
            direction[j] = pos[j] >= 0 && !flatRow[j] ? rhs[pos[j]] : 0;
            slope += g[j] * direction[j];
        }
        if (!(slope < 0)) {
            return false;
        }
        double tolerance = 1e-14 * (Math.abs(theta) + objScale);
        double alpha = 1;
        for (int tries = 0; tries < 40; tries++, alpha *= 0.5) {
            double predicted = 0;
            for (int j = 0; j < m; j++) {
                double t = mu[j] + alpha * direction[j];
                trial[j] = qp.equality[j] || t > 0 ? t : 0;
                predicted += g[j] * (trial[j] - mu[j]);
            }
            double value = evaluate(trial);
            if (value <= theta + 1e-4 * predicted + tolerance) {
                // Levenberg–Marquardt: trust the model more after a full step, less after a cut one
                damping = tries == 0 ? Math.max(damping * 0.1, 1e-10) : Math.min(damping * 10, 1e6);
                System.arraycopy(trial, 0, mu, 0, m);
                return true;
            }
        }
        damping = Math.min(damping * 100, 1e6);
        evaluate(mu);
        return false;
    }

    private void sweep() {
        for (int j = 0; j < qp.m; j++) {
            coordinate(j);
        }
    }

    /**
     * Exact minimisation of the dual over multiplier j alone: its derivative Gⱼ(t) = bⱼ − Σ aⱼwᵢxᵢ is nondecreasing and
     * piecewise linear in t with at most four breakpoints per member venue, so sort them, bisect for the sign change
     * and interpolate on the linear piece. Keeps s consistent with mu.
     */
    private void coordinate(int j) {
        int from = qp.rowStart[j];
        int to = qp.rowStart[j + 1];
        int nb = 0;
        boolean inequality = !qp.equality[j];
        if (inequality) {
            breaks[nb++] = 0;
        }
        for (int e = from; e < to; e++) {
            int i = qp.rowVenue[e];
            double aj = qp.rowCoef[e];
            double bi = s[i] + aj * mu[j];
            base[e - from] = bi;
            double x0 = qp.x0[i];
            double kink = q[i] * x0;
            double c = qp.c[i];
            nb = addBreak(nb, (bi - (kink - c)) / aj, inequality);
            nb = addBreak(nb, (bi - (kink + c)) / aj, inequality);
            nb = addBreak(nb, (bi - sAt(i, lo[i])) / aj, inequality);
            nb = addBreak(nb, (bi - sAt(i, hi[i])) / aj, inequality);
        }
        Arrays.sort(breaks, 0, nb);
        double gLast = rowSlack(j, breaks[nb - 1], from, to);
        if (gLast < 0) {
            // beyond the last breakpoint the slack is linear: rising if an uncapped venue is still moving
            setMultiplier(j, extrapolate(j, breaks[nb - 1], gLast, 1, from, to), from, to);
            return;
        }
        int left = 0;
        int right = nb - 1;
        double gRight = gLast;
        while (left < right) {
            int mid = (left + right) >>> 1;
            double gm = rowSlack(j, breaks[mid], from, to);
            if (gm >= 0) {
                right = mid;
                gRight = gm;
            } else {
                left = mid + 1;
            }
        }
        double t;
        if (right == 0) {
            t = inequality || gRight <= 0 ? breaks[0] : extrapolate(j, breaks[0], gRight, -1, from, to);
        } else {
            double t0 = breaks[right - 1];
            double g0 = rowSlack(j, t0, from, to);
            double t1 = breaks[right];
            t = gRight == g0 ? t1 : t0 - g0 * (t1 - t0) / (gRight - g0);
        }
        setMultiplier(j, t, from, to);
    }

    private void setMultiplier(int j, double t, int from, int to) {
        mu[j] = t;
        for (int e = from; e < to; e++) {
            s[qp.rowVenue[e]] = base[e - from] - qp.rowCoef[e] * t;
        }
    }

    /**
     * The root of row j's slack outside its breakpoints, where it is linear (uncapped venues still moving) or
     * constant (then the row cannot be met: infeasible). direction +1 searches above t0, −1 below.
     */
    private double extrapolate(int j, double t0, double g0, int direction, int from, int to) {
        double t1 = t0 + direction * Math.max(1, Math.abs(t0));
        double g1 = rowSlack(j, t1, from, to);
        if (Math.abs(g1 - g0) <= FEASIBILITY * scaleX * 1e-3 || (g1 - g0) * direction < 0) {
            if (Math.abs(g0) <= FEASIBILITY * scaleX) {
                return t0;
            }
            throw new Infeasible(j, "short by " + Math.abs(g0) + " at any multiplier");
        }
        return t0 - g0 * (t1 - t0) / (g1 - g0);
    }

    private int addBreak(int nb, double t, boolean inequality) {
        if (Double.isFinite(t) && (!inequality || t > 0)) {
            breaks[nb++] = t;
        }
        return nb;
    }

    /** The s at which venue i's maximiser reaches amount v (a breakpoint of its response). */
    private double sAt(int i, double v) {
        double x0 = qp.x0[i];
        double kink = q[i] * x0;
        if (v > x0) {
            return kink + qp.c[i] + h[i] * (v - x0);
        }
        return v < x0 ? kink - qp.c[i] + h[i] * (v - x0) : kink;
    }

    private double rowSlack(int j, double t, int from, int to) {
        double sum = 0;
        for (int e = from; e < to; e++) {
            double ae = qp.rowCoef[e];
            sum += ae * argmax(qp.rowVenue[e], base[e - from] - ae * t);
        }
        return qp.b[j] - sum;
    }

    private int worstRow() {
        int worst = 0;
        double most = -1;
        for (int j = 0; j < qp.m; j++) {
            double v = qp.equality[j] ? Math.abs(g[j]) : -g[j];
            if (v > most) {
                most = v;
                worst = j;
            }
        }
        return worst;
    }
}

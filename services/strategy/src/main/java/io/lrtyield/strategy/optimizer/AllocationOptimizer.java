package io.lrtyield.strategy.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the target allocation: maximise over x
 * <pre>
 *   f(x) = Σᵢ [ (apyᵢ − λ·riskᵢ)·H·xᵢ − ½·qᵢ·xᵢ² − cᵢ·|xᵢ − x0ᵢ| − kᵢ·(xᵢ − x0ᵢ)² ]  − Σ gas of traded venues
 * </pre>
 * with H the horizon in years, qᵢ = 2·H·apyDecayPerUnitᵢ (net APY falls linearly with size, so yield is concave),
 * cᵢ and kᵢ the linear and quadratic trade costs, subject to Σ xᵢ = total; 0 ≤ xᵢ ≤ min(capᵢ, exitLiquidityCapᵢ);
 * Σ_{i∈g} xᵢ ≤ C_g for every (possibly overlapping) group; Σ_{i: delayᵢ ≤ D} xᵢ ≥ R.
 *
 * <h2>The convex part is solved exactly</h2>
 * Without gas and minimum trades the problem is a separable concave maximisation under linear constraints. Price the
 * m coupling rows (budget ν, group caps μ_g ≥ 0, reserve ρ ≥ 0) into the objective: the Lagrangian splits per venue
 * into sᵢxᵢ − ½qᵢxᵢ² − cᵢ|xᵢ − x0ᵢ| − kᵢ(xᵢ − x0ᵢ)² with sᵢ = pᵢ − ν − Σ_{g∋i} μ_g + ρ·[i liquid], whose maximiser on
 * [0, capᵢ] is closed-form: x0ᵢ + softThreshold(sᵢ − qᵢx0ᵢ, cᵢ)/(qᵢ + 2kᵢ), clipped — the |·| kink is why a venue
 * stays exactly at its current amount for a band of prices (no trade). The dual θ(ν, μ, ρ) is then convex, piecewise
 * quadratic and continuously differentiable (gradient = constraint slacks), with m ≈ 1 + groups + 1 variables
 * however many venues there are. It is minimised by a projected semismooth Newton method: the generalised Hessian
 * is Σ over venues strictly inside their linear pieces of aaᵀ/(qᵢ + 2kᵢ), an m×m Cholesky solve, with an Armijo line
 * search; rows with no free venue, and any step the line search rejects, fall back to exact coordinate
 * minimisation (each multiplier's slack is monotone piecewise linear: sort its breakpoints, bisect, interpolate).
 * On a piecewise-quadratic dual the Newton step is exact once the pieces are identified, so it stops after a handful
 * of iterations with the KKT conditions met to rounding: primal feasibility to 1e-12·total and complementarity
 * Σ|multiplier·slack| ≤ 1e-13 of the objective's scale. The result carries the duality gap θ − f as a certificate.
 * Venues with no curvature (q = k = 0) make the dual non-smooth; they get a proximal term (ε/2)(xᵢ − yᵢ)² whose
 * centre y is moved to the solution until it stops moving, at which point the term and its gradient are zero
 * (proximal point method), so the answer is exact for those too.
 *
 * <h2>Fixed costs and minimum trade sizes: a heuristic second pass</h2>
 * Gas per action and minimum trade sizes make the problem non-convex (mixed-integer). After the exact convex solve,
 * every venue whose trade is below its {@code minTrade}, or whose gain from trading — its Lagrangian term at the new
 * amount minus at the current one, i.e. with capital priced at the shadow prices — does not cover its gas (and for
 * which an exact re-solve with it held confirms the loss: a linear venue at the margin sets the price of capital and so
 * shows no gain at it, yet dropping it would idle its capital), is held at its current amount and the convex problem is re-solved (exactly) with those venues fixed; repeat until no
 * venue is dropped. If pinning them all makes the problem infeasible, only the worst one is pinned. Finally the
 * result is compared with doing nothing (if the current allocation is feasible) and the better one is returned. This
 * pass is a heuristic: it can miss the best set of venues to trade; each convex re-solve in it is exact.
 *
 * <h2>Units</h2>
 * Amounts are doubles in ETH: this is a planning model whose output is rounded into wei-exact actions by the plan
 * builder, not money movement. The objective is ETH earned over the horizon, risk-adjusted, net of costs.
 * Thread-safe: each {@link #solve} call allocates its own state.
 */
public final class AllocationOptimizer {

    /**
     * Solves the problem.
     *
     * @throws IllegalArgumentException if the input is invalid or the constraints cannot all hold
     */
    public AllocationResult solve(AllocationProblem problem) {
        SeparableQp qp = new SeparableQp(problem);
        DualNewtonSolver solver = new DualNewtonSolver(qp);
        double gap = convexSolve(problem, qp, solver);
        int passes = 1;
        boolean[] held = new boolean[qp.n];
        double tiny = 1e-12 * Math.max(qp.total, 1e-300);
        while (true) {
            List<Integer> drop = new ArrayList<>();
            ShadowPrices prices = new ShadowPrices(qp, solver);
            int worst = -1;
            double worstMargin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < qp.n; i++) {
                double trade = Math.abs(solver.x[i] - qp.x0[i]);
                boolean holdable = qp.x0[i] <= qp.hi[i];
                if (held[i] || !holdable || trade <= tiny || (qp.gas[i] == 0 && qp.minTrade[i] == 0)) {
                    continue;
                }
                double margin = prices.tradeGain(i) - qp.gas[i];
                if (trade >= qp.minTrade[i] && margin < 0 && losesByPinning(problem, qp, solver, i, tiny)) {
                    // a venue that sets the price of capital (a linear venue at the margin) shows no gain at the shadow
                    // prices — its value is what would have to replace it: the exact re-solve says it is worth its gas
                    continue;
                }
                if (trade < qp.minTrade[i] || margin < 0) {
                    drop.add(i);
                    double score = trade < qp.minTrade[i] ? Math.min(margin, -trade) : margin;
                    if (score < worstMargin) {
                        worstMargin = score;
                        worst = i;
                    }
                }
            }
            if (drop.isEmpty()) {
                break;
            }
            Snapshot before = new Snapshot(solver);
            passes++;
            try {
                gap = pinAndSolve(problem, qp, solver, drop, held);
            } catch (IllegalArgumentException allAtOnce) {
                before.restore(solver);
                try {
                    gap = pinAndSolve(problem, qp, solver, List.of(worst), held);
                } catch (IllegalArgumentException single) {
                    before.restore(solver);
                    break;
                }
            }
        }
        double[] amounts = solver.x.clone();
        double scale = Math.abs(objective(qp, amounts, tiny)) + tiny;
        if (objective(qp, amounts, tiny) < holdObjective(qp, tiny) - 1e-12 * scale) {
            amounts = qp.x0.clone();
            java.util.Arrays.fill(held, true);
        }
        return ResultBuilder.build(problem, qp, solver, amounts, held, gap, objective(qp, amounts, tiny), passes);
    }

    /**
     * Whether holding venue {@code i} at its current amount (and re-solving the convex problem) gives a lower objective,
     * gas included, than the current solution. The solver is left as it was.
     */
    private static boolean losesByPinning(AllocationProblem problem, SeparableQp qp, DualNewtonSolver solver, int i, double tiny) {
        double now = objective(qp, solver.x, tiny);
        Snapshot before = new Snapshot(solver);
        try {
            solver.lo[i] = qp.x0[i];
            solver.hi[i] = qp.x0[i];
            convexSolve(problem, qp, solver);
            double pinned = objective(qp, solver.x, tiny);
            return pinned < now - 1e-12 * (Math.abs(now) + tiny);
        } catch (IllegalArgumentException infeasible) {
            return true;
        } finally {
            before.restore(solver);
        }
    }

    private static double pinAndSolve(AllocationProblem problem, SeparableQp qp, DualNewtonSolver solver,
                                      List<Integer> pin, boolean[] held) {
        for (int i : pin) {
            solver.lo[i] = qp.x0[i];
            solver.hi[i] = qp.x0[i];
        }
        double gap = convexSolve(problem, qp, solver);
        for (int i : pin) {
            held[i] = true;
        }
        return gap;
    }

    private static double convexSolve(AllocationProblem problem, SeparableQp qp, DualNewtonSolver solver) {
        try {
            return solver.solve();
        } catch (DualNewtonSolver.Infeasible e) {
            throw new IllegalArgumentException("infeasible: " + qp.rowName(problem, e.row) + " cannot be met together "
                    + "with the venue caps and the other constraints (" + e.getMessage() + ")");
        }
    }

    static double objective(SeparableQp qp, double[] amounts, double tiny) {
        double f = 0;
        for (int i = 0; i < qp.n; i++) {
            f += qp.term(i, amounts[i]) - (Math.abs(amounts[i] - qp.x0[i]) > tiny ? qp.gas[i] : 0);
        }
        return f;
    }

    /** The objective of not trading at all, or −∞ if the current allocation breaks a constraint. */
    private static double holdObjective(SeparableQp qp, double tiny) {
        double slack = 1e-9 * Math.max(qp.total, 1e-300);
        for (int i = 0; i < qp.n; i++) {
            if (qp.x0[i] > qp.hi[i]) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        for (int j = 0; j < qp.m; j++) {
            double sum = 0;
            for (int e = qp.rowStart[j]; e < qp.rowStart[j + 1]; e++) {
                sum += qp.rowCoef[e] * qp.x0[qp.rowVenue[e]];
            }
            double rowSlack = qp.b[j] - sum;
            if (qp.equality[j] ? Math.abs(rowSlack) > slack : rowSlack < -slack) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return objective(qp, qp.x0, tiny);
    }

    /** Solver state to go back to when pinning venues makes the problem infeasible. */
    private record Snapshot(double[] lo, double[] hi, double[] x, double[] mu) {

        Snapshot(DualNewtonSolver solver) {
            this(solver.lo.clone(), solver.hi.clone(), solver.x.clone(), solver.mu.clone());
        }

        void restore(DualNewtonSolver solver) {
            System.arraycopy(lo, 0, solver.lo, 0, lo.length);
            System.arraycopy(hi, 0, solver.hi, 0, hi.length);
            System.arraycopy(x, 0, solver.x, 0, x.length);
            System.arraycopy(mu, 0, solver.mu, 0, mu.length);
        }
    }
}

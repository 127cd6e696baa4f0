package io.lrtyield.strategy.optimizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The problem as arrays, the form the dual solver works on: maximise Σᵢ pᵢxᵢ − ½qᵢxᵢ² − cᵢ|xᵢ − x0ᵢ| −
 * kᵢ(xᵢ − x0ᵢ)² over 0 ≤ xᵢ ≤ hiᵢ, subject to m coupling rows Σ_{i∈Sⱼ} aⱼxᵢ (= or ≤) bⱼ with aⱼ = ±1. Row 0 is the
 * budget (equality), then one row per group cap, then the reserve written as −Σ_{i∈L} xᵢ ≤ −R. Rows are stored both
 * by row and by venue (CSR) so one pass over either is cheap.
 */
final class SeparableQp {

    final int n;
    final int m;
    final double total;
    final double[] p;
    final double[] q;
    final double[] c;
    final double[] k;
    final double[] x0;
    final double[] hi;
    final double[] gas;
    final double[] minTrade;
    final int[] rowStart;
    final int[] rowVenue;
    final double[] a;
    /** Each row entry's coefficient aⱼ·wₑ (row-major, like rowVenue) and the same by venue (like venueRow). */
    final double[] rowCoef;
    final double[] venueCoef;
    final double[] b;
    final boolean[] equality;
    final int[] venueStart;
    final int[] venueRow;
    final int reserveRow;

    SeparableQp(AllocationProblem problem) {
        List<Venue> venues = problem.venues();
        List<GroupCap> groups = problem.groups();
        LiquidityReserve reserve = problem.reserve();
        n = venues.size();
        total = problem.total();
        boolean hasReserve = reserve.minimum() > 0;
        m = 1 + groups.size() + (hasReserve ? 1 : 0);
        reserveRow = hasReserve ? m - 1 : -1;
        p = new double[n];
        q = new double[n];
        c = new double[n];
        k = new double[n];
        x0 = new double[n];
        hi = new double[n];
        gas = new double[n];
        minTrade = new double[n];
        Map<String, Integer> index = new HashMap<>(2 * n);
        double h = problem.horizonYears();
        for (int i = 0; i < n; i++) {
            Venue v = venues.get(i);
            index.put(v.id(), i);
            p[i] = (v.apy() - problem.riskAversion() * v.risk()) * h;
            q[i] = 2 * v.apyDecayPerUnit() * h;
            c[i] = v.cost().perUnit();
            k[i] = v.cost().quadratic();
            x0[i] = v.current();
            hi[i] = v.upperBound();
            gas[i] = v.cost().gasPerAction();
            minTrade[i] = v.cost().minTrade();
        }
        int nnz = n;
        for (GroupCap g : groups) {
            nnz += g.venues().size();
        }
        if (hasReserve) {
            for (Venue v : venues) {
                nnz += reserve.counts(v) ? 1 : 0;
            }
        }
        rowStart = new int[m + 1];
        rowVenue = new int[nnz];
        rowCoef = new double[nnz];
        a = new double[m];
        b = new double[m];
        equality = new boolean[m];
        int at = 0;
        for (int i = 0; i < n; i++) {
            rowCoef[at] = 1;
            rowVenue[at++] = i;
        }
        a[0] = 1;
        b[0] = total;
        equality[0] = true;
        for (int j = 1; j <= groups.size(); j++) {
            rowStart[j] = at;
            GroupCap g = groups.get(j - 1);
            for (int k2 = 0; k2 < g.venues().size(); k2++) {
                rowCoef[at] = g.weight(k2);
                rowVenue[at++] = index.get(g.venues().get(k2));
            }
            a[j] = 1;
            b[j] = g.cap();
        }
        if (hasReserve) {
            rowStart[reserveRow] = at;
            for (int i = 0; i < n; i++) {
                if (reserve.counts(venues.get(i))) {
                    rowCoef[at] = -1;
                    rowVenue[at++] = i;
                }
            }
            a[reserveRow] = -1;
            b[reserveRow] = -reserve.minimum();
        }
        rowStart[m] = at;
        venueStart = new int[n + 1];
        venueRow = new int[nnz];
        venueCoef = new double[nnz];
        for (int e = 0; e < nnz; e++) {
            venueStart[rowVenue[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            venueStart[i + 1] += venueStart[i];
        }
        int[] fill = venueStart.clone();
        for (int j = 0; j < m; j++) {
            for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                venueCoef[fill[rowVenue[e]]] = rowCoef[e];
                venueRow[fill[rowVenue[e]]++] = j;
            }
        }
        checkObviouslyFeasible(problem);
    }

    /**
     * Necessary conditions, with messages a curator can act on. Infeasibility that only shows when several groups
     * and the reserve interact is detected by the solver (its dual diverges) and reported there.
     */
    private void checkObviouslyFeasible(AllocationProblem problem) {
        double slack = 1e-12 * Math.max(total, 1e-300);
        double sumHi = 0;
        double sumEffective = 0;
        double[] effective = hi.clone();
        for (int j = 1; j < m; j++) {
            if (j == reserveRow) {
                continue;
            }
            for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                effective[rowVenue[e]] = Math.min(effective[rowVenue[e]], b[j] / rowCoef[e]);
            }
        }
        for (int i = 0; i < n; i++) {
            sumHi += hi[i];
            sumEffective += effective[i];
        }
        if (sumHi < total - slack) {
            throw new IllegalArgumentException("infeasible: venue caps (min of cap and exit-liquidity cap) sum to "
                    + sumHi + " < total " + total);
        }
        if (sumEffective < total - slack) {
            throw new IllegalArgumentException("infeasible: with group caps the venues can hold at most "
                    + sumEffective + " < total " + total);
        }
        if (reserveRow >= 0) {
            double reserve = -b[reserveRow];
            if (reserve > total + slack) {
                throw new IllegalArgumentException("infeasible: reserve " + reserve + " exceeds total " + total);
            }
            double liquid = 0;
            for (int e = rowStart[reserveRow]; e < rowStart[reserveRow + 1]; e++) {
                liquid += effective[rowVenue[e]];
            }
            if (liquid < reserve - slack) {
                throw new IllegalArgumentException("infeasible: venues redeemable within "
                        + problem.reserve().maxWithdrawalDelayDays() + " days can hold at most " + liquid
                        + " < reserve " + reserve);
            }
        }
    }

    String rowName(AllocationProblem problem, int j) {
        if (j == 0) {
            return "budget";
        }
        return j == reserveRow ? "reserve" : "group cap " + problem.groups().get(j - 1).name();
    }

    /** The objective term of venue i at amount v, without gas. */
    double term(int i, double v) {
        double t = v - x0[i];
        return p[i] * v - 0.5 * q[i] * v * v - c[i] * Math.abs(t) - k[i] * t * t;
    }
}

package io.lrtyield.strategy.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random allocation problems that are feasible by construction: a random allocation z is drawn first and
 * every cap, group cap and the reserve is set at or just above what z needs (many then bind at the optimum; none is
 * exactly at z, as such degenerate vertices make ojAlgo's active-set solver cycle). Current
 * amounts are a different random allocation, sometimes above the new caps. Shared by the tests and the benchmark.
 */
public final class RandomInstances {

    private RandomInstances() {
    }

    /**
     * @param flatShare share of venues without any curvature (no size decay, no quadratic cost)
     */
    public static AllocationProblem generate(long seed, int n, int protocols, int underlyings, int tiers,
                                             double flatShare) {
        Random rnd = new Random(seed);
        double total = 100 + rnd.nextDouble() * 9_900;
        double[] z = split(rnd, n, total);
        double[] x0 = split(rnd, n, total * (0.8 + 0.4 * rnd.nextDouble()));
        int[] protocol = new int[n];
        int[] underlying = new int[n];
        int[] tier = new int[n];
        double horizon = (7 + rnd.nextInt(358)) / 365.0;
        double delayLimit = 7;
        List<Venue> venues = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            protocol[i] = rnd.nextInt(protocols);
            underlying[i] = rnd.nextInt(underlyings);
            tier[i] = rnd.nextInt(tiers);
            boolean flat = rnd.nextDouble() < flatShare;
            double apy = 0.02 + 0.06 * rnd.nextDouble();
            double decay = flat ? 0 : apy * rnd.nextDouble() * 0.5 / total;
            // flat venues always get a finite cap: an uncapped linear venue makes ojAlgo's active-set solver stall
            double cap = rnd.nextDouble() < 0.15 && !flat ? Double.POSITIVE_INFINITY
                    : rnd.nextDouble() < 0.3 ? z[i] * (1 + 0.05 * rnd.nextDouble()) : z[i] * (1 + rnd.nextDouble());
            double exit = rnd.nextDouble() < 0.2 ? z[i] * (1 + 0.5 * rnd.nextDouble()) : Double.POSITIVE_INFINITY;
            double delay = rnd.nextDouble() < 0.5 ? rnd.nextInt(3) : 7 + rnd.nextInt(14);
            TradeCost cost = new TradeCost(0.003 * rnd.nextDouble(), flat ? 0 : 0.01 * rnd.nextDouble() / total, 0, 0);
            venues.add(new Venue("v" + i, x0[i], apy, decay, rnd.nextDouble(), cap, exit, delay, cost));
        }
        List<GroupCap> groups = new ArrayList<>();
        addGroups(rnd, groups, "protocol:", GroupCap.Kind.PROTOCOL, protocol, protocols, z);
        addGroups(rnd, groups, "underlying:", GroupCap.Kind.UNDERLYING, underlying, underlyings, z);
        addGroups(rnd, groups, "tier:", GroupCap.Kind.RISK_TIER, tier, tiers, z);
        addExposureGroups(new Random(seed ^ 0x5DEECE66DL), groups, n, z);
        double liquid = 0;
        for (int i = 0; i < n; i++) {
            liquid += venues.get(i).withdrawalDelayDays() <= delayLimit ? z[i] : 0;
        }
        double reserveShare = rnd.nextDouble() < 0.3 ? 0.95 + 0.05 * rnd.nextDouble() : rnd.nextDouble();
        LiquidityReserve reserve = new LiquidityReserve(delayLimit, liquid * reserveShare);
        return new AllocationProblem(venues, groups, reserve, total, 0.02 * rnd.nextDouble(), horizon);
    }

    private static void addGroups(Random rnd, List<GroupCap> groups, String prefix, GroupCap.Kind kind, int[] member,
                                  int count, double[] z) {
        for (int g = 0; g < count; g++) {
            List<String> ids = new ArrayList<>();
            double held = 0;
            for (int i = 0; i < member.length; i++) {
                if (member[i] == g) {
                    ids.add("v" + i);
                    held += z[i];
                }
            }
            if (!ids.isEmpty()) {
                double cap = held * (1 + (rnd.nextDouble() < 0.3 ? 0.05 : 0.3) * rnd.nextDouble());
                groups.add(new GroupCap(prefix + g, kind, cap, ids));
            }
        }
    }

    /**
     * Operator / AVS groups (in about half of the instances): each venue exposed to the group with a weight in (0, 1] (its share delegated to the operator,
     * or slashable by the AVS), Σ wᵢxᵢ ≤ cap; a separate random stream, so the other draws are those of before.
     */
    private static void addExposureGroups(Random rnd, List<GroupCap> groups, int n, double[] z) {
        // every other instance: ojAlgo stalls more often on weighted rows (each stall costs the test 3 s)
        if (rnd.nextBoolean()) {
            return;
        }
        for (int g = 0; g < 2; g++) {
            List<String> ids = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            double held = 0;
            for (int i = 0; i < n; i++) {
                if (rnd.nextDouble() < 0.4) {
                    double w = 0.05 + 0.95 * rnd.nextDouble();
                    ids.add("v" + i);
                    weights.add(w);
                    held += w * z[i];
                }
            }
            if (!ids.isEmpty()) {
                double cap = held * (1 + (rnd.nextDouble() < 0.5 ? 0.02 : 0.3) * rnd.nextDouble());
                groups.add(new GroupCap((g == 0 ? "operator:" : "avs:") + g, g == 0 ? GroupCap.Kind.OPERATOR : GroupCap.Kind.AVS, cap,
                        ids, weights));
            }
        }
    }

    private static double[] split(Random rnd, int n, double total) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = rnd.nextDouble() < 0.2 ? 0 : -Math.log(1 - rnd.nextDouble());
            sum += w[i];
        }
        if (sum == 0) {
            w[0] = sum = 1;
        }
        for (int i = 0; i < n; i++) {
            w[i] = w[i] / sum * total;
        }
        return w;
    }
}

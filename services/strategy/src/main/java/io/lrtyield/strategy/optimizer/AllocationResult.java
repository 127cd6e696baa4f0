package io.lrtyield.strategy.optimizer;

import java.util.List;

/**
 * The optimizer's answer.
 *
 * @param allocations one entry per venue, in the problem's order
 * @param objective   Σ contributions: risk-adjusted yield over the horizon minus all transition costs, gas included
 * @param binding     tight constraints with their shadow prices
 * @param dualityGap  certificate of the convex solve: the optimum of the convex problem solved (with held venues
 *                    fixed) is at most objective + gas + dualityGap
 * @param iterations  dual iterations (Newton steps and coordinate sweeps) over all passes
 * @param passes      convex solves: 1, plus one per round of the fixed-cost/minimum-trade pass
 */
public record AllocationResult(List<VenueAllocation> allocations, double objective, List<BindingConstraint> binding,
                               double dualityGap, int iterations, int passes) {

    public AllocationResult {
        allocations = List.copyOf(allocations);
        binding = List.copyOf(binding);
    }

    /** Target amounts in the problem's venue order. */
    public double[] amounts() {
        return allocations.stream().mapToDouble(VenueAllocation::amount).toArray();
    }
}

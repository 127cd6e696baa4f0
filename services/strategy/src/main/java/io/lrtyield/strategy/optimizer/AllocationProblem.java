package io.lrtyield.strategy.optimizer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The allocation to choose: spread {@code total} ETH over the venues to maximise Σᵢ risk-adjusted yield over the
 * horizon minus transition costs from the current amounts, under the caps, group caps and reserve.
 *
 * @param venues       the venues, ids unique
 * @param groups       group caps (may overlap), may be empty
 * @param reserve      liquidity reserve, or {@link LiquidityReserve#NONE}
 * @param total        ETH to allocate, Σ xᵢ = total (usually Σ current, but deposits/withdrawals change it)
 * @param riskAversion λ: APY points charged per unit of risk score
 * @param horizonYears holding horizon over which yield is compared with one-off costs (e.g. 30/365)
 */
public record AllocationProblem(List<Venue> venues, List<GroupCap> groups, LiquidityReserve reserve, double total,
                                double riskAversion, double horizonYears) {

    public AllocationProblem {
        if (venues == null || venues.isEmpty()) {
            throw new IllegalArgumentException("no venues");
        }
        venues = List.copyOf(venues);
        groups = groups == null ? List.of() : List.copyOf(groups);
        reserve = reserve == null ? LiquidityReserve.NONE : reserve;
        Checks.nonNegative("total", total);
        Checks.nonNegative("riskAversion", riskAversion);
        Checks.finite("horizonYears", horizonYears);
        if (horizonYears <= 0) {
            throw new IllegalArgumentException("horizonYears must be > 0, was " + horizonYears);
        }
        Set<String> ids = new HashSet<>();
        for (Venue venue : venues) {
            if (!ids.add(venue.id())) {
                throw new IllegalArgumentException("duplicate venue id " + venue.id());
            }
        }
        Set<String> groupNames = new HashSet<>();
        for (GroupCap group : groups) {
            if (!groupNames.add(group.name())) {
                throw new IllegalArgumentException("duplicate group name " + group.name());
            }
            Set<String> members = new HashSet<>();
            for (String id : group.venues()) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException("group " + group.name() + " names unknown venue " + id);
                }
                if (!members.add(id)) {
                    throw new IllegalArgumentException("group " + group.name() + " lists venue " + id + " twice");
                }
            }
        }
    }
}

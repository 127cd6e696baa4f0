package io.lrtyield.strategy.optimizer;

import java.util.List;

/**
 * An upper limit on the (weighted) sum held in a set of venues: Σ wᵢ·xᵢ ≤ cap. Groups may overlap: a venue typically
 * belongs to its protocol's group, its underlying LST's group and its risk tier's group at once (weight 1), and to the
 * group of each operator and AVS its stake is exposed to, weighted by that exposure (the share of the venue's value
 * delegated to the operator, or slashable by the AVS).
 *
 * @param name    shown in the binding constraints, e.g. "protocol:etherfi"
 * @param kind    what the group stands for
 * @param cap     the limit, ETH
 * @param venues  ids of the member venues
 * @param weights each member's weight, positive (null: 1 each)
 */
public record GroupCap(String name, Kind kind, double cap, List<String> venues, List<Double> weights) {

    /** What a group stands for; informational. */
    public enum Kind { PROTOCOL, UNDERLYING, RISK_TIER, OPERATOR, AVS, OTHER }

    /** A group of weight 1 per member. */
    public GroupCap(String name, Kind kind, double cap, List<String> venues) {
        this(name, kind, cap, venues, null);
    }

    public GroupCap {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group name must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("group " + name + ": kind must not be null");
        }
        Checks.nonNegative("group " + name + " cap", cap);
        if (venues == null || venues.isEmpty()) {
            throw new IllegalArgumentException("group " + name + " has no venues");
        }
        venues = List.copyOf(venues);
        if (weights != null) {
            if (weights.size() != venues.size()) {
                throw new IllegalArgumentException("group " + name + ": " + weights.size() + " weights for " + venues.size() + " venues");
            }
            for (Double w : weights) {
                if (w == null || !(w > 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("group " + name + ": weights must be positive and finite, got " + w);
                }
            }
            weights = List.copyOf(weights);
        }
    }

    /** The weight of the member at {@code index}. */
    public double weight(int index) {
        return weights == null ? 1 : weights.get(index);
    }
}

package io.lrtyield.strategy.optimizer;

import java.util.List;

/**
 * An upper limit on the sum held in a set of venues. Groups may overlap: a venue typically belongs to its
 * protocol's group, its underlying LST's group and its risk tier's group at once.
 *
 * @param name   shown in the binding constraints, e.g. "protocol:etherfi"
 * @param kind   what the group stands for
 * @param cap    the limit, ETH
 * @param venues ids of the member venues
 */
public record GroupCap(String name, Kind kind, double cap, List<String> venues) {

    /** What a group stands for; informational. */
    public enum Kind { PROTOCOL, UNDERLYING, RISK_TIER, OTHER }

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
    }
}

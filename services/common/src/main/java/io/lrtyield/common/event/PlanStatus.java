package io.lrtyield.common.event;

import java.util.Arrays;
import java.util.Set;

/**
 * The states of a plan on {@code rebalance-plans.v1}: PROPOSED → APPROVED / REJECTED / EXPIRED; APPROVED → EXECUTING /
 * REJECTED / EXPIRED; EXECUTING → DONE / FAILED. {@link RebalancePlan#status()} travels as the name; an event with any
 * other status is malformed and refused at the boundary (its consumer dead-letters it).
 */
public enum PlanStatus {
    PROPOSED, APPROVED, REJECTED, EXECUTING, DONE, FAILED, EXPIRED;

    /** The statuses a plan may go to from this one. */
    public Set<PlanStatus> next() {
        return switch (this) {
            case PROPOSED -> Set.of(APPROVED, REJECTED, EXPIRED);
            case APPROVED -> Set.of(EXECUTING, REJECTED, EXPIRED);
            case EXECUTING -> Set.of(DONE, FAILED);
            default -> Set.of();
        };
    }

    /** No further change: DONE, FAILED, REJECTED or EXPIRED. */
    public boolean terminal() {
        return next().isEmpty();
    }

    /** The status named {@code name}, or an IllegalArgumentException listing the known ones. */
    public static PlanStatus of(String name) {
        for (PlanStatus s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown plan status '" + name + "' (one of " + Arrays.toString(values()) + ")");
    }
}

package io.lrtyield.common.event;

/** Can a price be acted on? Only OK and DEGRADED may feed a trade (ARCHITECTURE §7). */
public enum PriceStatus {
    /** All checks passed. */
    OK,
    /** Usable, but some sources are missing or disagree within tolerance. */
    DEGRADED,
    /** No source fresh enough. */
    STALE,
    /** A safety check failed: never trade on it. */
    UNSAFE;

    public boolean actionable() {
        return this == OK || this == DEGRADED;
    }
}

package io.lrtyield.common.event;

import java.util.Optional;

/**
 * The kinds of flag a {@link YieldQuote} carries, one definition for the yield service that writes them and the
 * rebalancer that acts on them. On the wire a flag stays one readable string, {@code <code>: <detail>}; its kind is
 * the code before the colon.
 */
public enum QuoteFlag {
    /** A figure outside its plausible range was clamped: the quote is not to be traded on. */
    CLAMPED("clamped", true),
    /** The short window jumped far from the long one: not to be traded on until it settles. */
    JUMP("jump", true),
    /** Fewer observations than the windows want: the figure is young. */
    SHORT_HISTORY("short-history", false),
    /** A loop or strategy quoted before its staking token's first quote: its staking yield counted as 0. */
    NO_STAKING_YIELD("no-staking-yield", false),
    /** Borrowing costs more than the collateral earns. */
    NEGATIVE_CARRY("negative-carry", false),
    /** The size curve leaves an effect out (a rate model or pool state is missing). */
    SIZE_IMPACT("size-impact", false),
    /**
     * Quoted from a price tick backfilled after a stall (its block was not the head when priced): a true figure of a
     * past block, recorded, but no plan is built on it.
     */
    BACKFILLED("backfilled", false);

    private final String code;
    private final boolean untradable;

    QuoteFlag(String code, boolean untradable) {
        this.code = code;
        this.untradable = untradable;
    }

    /** The wire prefix. */
    public String code() {
        return code;
    }

    /** Whether a quote with this flag must not be traded on. */
    public boolean untradable() {
        return untradable;
    }

    /** The flag as it travels: {@code <code>: <detail>}. */
    public String with(String detail) {
        return code + ": " + detail;
    }

    /** The kind of a flag string, empty for a flag of no known kind (e.g. the size notes). */
    public static Optional<QuoteFlag> of(String flag) {
        if (flag == null) {
            return Optional.empty();
        }
        int colon = flag.indexOf(':');
        String code = colon < 0 ? flag.trim() : flag.substring(0, colon).trim();
        for (QuoteFlag f : values()) {
            if (f.code.equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

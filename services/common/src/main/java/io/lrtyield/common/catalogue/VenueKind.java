package io.lrtyield.common.catalogue;

/** The venue kinds of ARCHITECTURE §5; each has its own yield model. */
public enum VenueKind {
    NATIVE_STAKING,
    RESTAKING_TOKEN,
    EIGENLAYER_STRATEGY,
    LENDING_SUPPLY,
    LEVERAGED_LOOP,
    FIXED_YIELD_PT,
    LP,
    IDLE
}

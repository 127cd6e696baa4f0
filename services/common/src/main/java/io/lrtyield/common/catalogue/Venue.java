package io.lrtyield.common.catalogue;

/**
 * A place the vault's ETH can sit and earn.
 *
 * @param kind see {@link VenueKind}
 * @param asset the token held in this venue
 * @param protocol protocol name, for group caps
 * @param riskTier 1 (lowest risk) … 5
 * @param withdrawalDelaySeconds time from exit request to ETH in hand
 * @param protocolFee fee taken from rewards that is not already in the rate, decimal fraction of yield
 */
public record Venue(String id, String kind, String asset, String protocol, int riskTier, long withdrawalDelaySeconds,
                    double protocolFee) {

    public VenueKind venueKind() {
        return VenueKind.valueOf(kind);
    }
}

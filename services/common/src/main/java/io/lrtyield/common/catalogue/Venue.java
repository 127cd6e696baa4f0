package io.lrtyield.common.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A place the vault's ETH can sit and earn.
 *
 * @param kind see {@link VenueKind}
 * @param asset the token held in this venue
 * @param protocol protocol name, for group caps
 * @param riskTier 1 (lowest risk) … 5
 * @param withdrawalDelaySeconds time from exit request to ETH in hand
 * @param protocolFee fee taken from rewards that is not already in the rate, decimal fraction of yield
 * @param params kind-specific settings, optional (empty when absent): contract names or addresses the yield model
 *               reads ({@code pool}, {@code market}, {@code borrowAsset} …), loop target LTV and liquidation
 *               threshold, rate-model parameters, points per ETH per day and the price-per-point band. Values are
 *               strings so that decimals stay exact; the yield models document the keys they read.
 */
public record Venue(String id, String kind, String asset, String protocol, int riskTier, long withdrawalDelaySeconds,
                    double protocolFee, Map<String, String> params) {

    @JsonCreator
    public Venue {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
    }

    /** A venue without kind-specific settings. */
    public Venue(String id, String kind, String asset, String protocol, int riskTier, long withdrawalDelaySeconds,
                 double protocolFee) {
        this(id, kind, asset, protocol, riskTier, withdrawalDelaySeconds, protocolFee, Map.of());
    }

    public VenueKind venueKind() {
        return VenueKind.valueOf(kind);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** A decimal setting, or {@code fallback} when the catalogue leaves it out. */
    public BigDecimal decimalParam(String name, BigDecimal fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("venue " + id + " param " + name + " is not a decimal: " + value, e);
        }
    }
}

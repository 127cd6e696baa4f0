package io.lrtyield.common.lending.morpho;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * A lending-supply venue on a Morpho Blue market, resolved from the catalogue: the Morpho contract and the market's
 * parameters, whose keccak is the market id. A {@code LENDING_SUPPLY} venue is a Morpho market when it names
 * {@code morpho}; otherwise it is an Aave reserve ({@code pool}). Params (a contract is a name from the catalogue's
 * {@code contracts} or an address): {@code morpho}, {@code collateral} (an asset symbol or an address), {@code oracle},
 * {@code irm}, {@code lltv} (a decimal fraction, e.g. {@code 0.945}) and {@code marketId}, which must equal the id the
 * other parameters give. The loan token is the venue's asset.
 *
 * @param venueId the catalogue venue
 * @param morpho  the Morpho Blue contract, lower case
 * @param params  the market's parameters
 */
public record MorphoVenue(String venueId, String morpho, MarketParams params) {

    public MorphoVenue {
        morpho = morpho.toLowerCase(Locale.ROOT);
    }

    /** The market id, {@code keccak256(abi.encode(params))}. */
    public String marketId() {
        return params.id();
    }

    /** Whether the venue is a supply to a Morpho Blue market (it names {@code morpho}). */
    public static boolean isMorpho(Venue v) {
        return v.venueKind() == VenueKind.LENDING_SUPPLY && v.param("morpho").isPresent();
    }

    /** The venue's market, or empty when it is not a Morpho venue. */
    public static Optional<MorphoVenue> find(Venue v, Catalogue c) {
        return isMorpho(v) ? Optional.of(of(v, c)) : Optional.empty();
    }

    /**
     * The venue's market.
     *
     * @throws IllegalArgumentException when a parameter is missing or unknown, or {@code marketId} is not the id of the others
     */
    public static MorphoVenue of(Venue v, Catalogue c) {
        String loan = c.asset(v.asset()).map(Asset::address)
                .orElseThrow(() -> new IllegalArgumentException("venue " + v.id() + ": asset " + v.asset() + " has no token address"));
        String collateral = required(v, "collateral");
        String collateralAddress = collateral.startsWith("0x") ? collateral : c.asset(collateral).map(Asset::address)
                .orElseThrow(() -> new IllegalArgumentException("venue " + v.id() + ": collateral " + collateral + " is no catalogue asset with an address"));
        BigInteger lltv;
        try {
            lltv = new BigDecimal(required(v, "lltv")).movePointRight(18).toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("venue " + v.id() + ": lltv must be a decimal fraction with at most 18 decimals", e);
        }
        MarketParams params = new MarketParams(loan, collateralAddress, contract(v, "oracle", c), contract(v, "irm", c), lltv);
        String id = v.param("marketId").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (id != null && !id.equals(params.id())) {
            throw new IllegalArgumentException("venue " + v.id() + ": marketId " + id + " is not the id of its parameters, " + params.id());
        }
        return new MorphoVenue(v.id(), contract(v, "morpho", c), params);
    }

    private static String contract(Venue v, String param, Catalogue c) {
        String value = required(v, param);
        String address = value.startsWith("0x") ? value : c.contracts().get(value);
        if (address == null) {
            throw new IllegalArgumentException("venue " + v.id() + " names contract " + value + ", which the catalogue does not list");
        }
        return address;
    }

    private static String required(Venue v, String param) {
        return v.param(param).orElseThrow(() -> new IllegalArgumentException("venue " + v.id() + " needs param " + param));
    }
}

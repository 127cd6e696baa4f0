package io.lrtyield.rebalancer.portfolio;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The vault's positions at one block.
 *
 * @param unavailable reads that failed in the snapshot (the position they belong to is then incomplete), one line each
 */
public record Portfolio(String vault, long blockNumber, long blockTimestamp, List<VenuePosition> positions,
                        AaveAccount aave, BigDecimal totalFundamental, BigDecimal totalMarket, List<String> unavailable) {

    /** Balances no catalogue venue claims (e.g. loose stETH between two steps of a plan). */
    public static final String UNASSIGNED = "unassigned";

    public Portfolio {
        positions = List.copyOf(positions);
        unavailable = List.copyOf(unavailable);
    }

    public Optional<VenuePosition> position(String venueId) {
        return positions.stream().filter(p -> p.venueId().equals(venueId)).findFirst();
    }

    /** Fundamental value held in a venue, zero when none. */
    public BigDecimal amountIn(String venueId) {
        return position(venueId).map(VenuePosition::valueFundamental).orElse(BigDecimal.ZERO);
    }
}

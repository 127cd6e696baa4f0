package io.lrtyield.rebalancer.portfolio;

import java.math.BigDecimal;
import java.util.List;

/**
 * The vault's holding in one venue, valued in ETH.
 *
 * @param venueId           catalogue venue, or {@link Portfolio#UNASSIGNED} for balances no venue claims
 * @param holdings          the raw balances the position is made of
 * @param valueFundamental  net value at the protocols' own rates (collateral − debt for a loop)
 * @param valueMarket       net value at market prices; null when a market price is missing
 * @param healthFactor      Aave health factor for a loop; null otherwise
 * @param notes             how it was valued where that is not obvious (PT at redemption value, queued withdrawals …)
 */
public record VenuePosition(String venueId, List<Holding> holdings, BigDecimal valueFundamental, BigDecimal valueMarket,
                            BigDecimal healthFactor, List<String> notes) {

    public VenuePosition {
        holdings = List.copyOf(holdings);
        notes = List.copyOf(notes);
    }
}

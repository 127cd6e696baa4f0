package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.risk.AlertBook;

import java.util.Map;

/**
 * Everything one decision rests on.
 *
 * @param lastPlanAtSeconds block time of the last proposed plan, or {@code Long.MIN_VALUE} when none
 * @param minGainEth        an admin's override of the configured minimum gain, null for none
 * @param costMargin        an admin's override of the configured cost margin, null for none
 */
public record MarketState(Portfolio portfolio, Map<String, YieldQuote> quotes, Map<String, PriceTick> prices, AlertBook alerts,
                          long lastPlanAtSeconds, java.math.BigDecimal minGainEth, Double costMargin) {

    public MarketState {
        quotes = Map.copyOf(quotes);
        prices = Map.copyOf(prices);
    }

    public MarketState(Portfolio portfolio, Map<String, YieldQuote> quotes, Map<String, PriceTick> prices, AlertBook alerts,
                       long lastPlanAtSeconds) {
        this(portfolio, quotes, prices, alerts, lastPlanAtSeconds, null, null);
    }
}

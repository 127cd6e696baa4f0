package io.lrtyield.backtest.contender;

import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.backtest.sim.Ledger;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.YieldQuote;

import java.util.Map;

/**
 * Everything a contender may look at when it decides.
 *
 * @param lastPlanAtSeconds block time of the contender's last executed plan, {@code Long.MIN_VALUE} for none
 */
public record DecisionInput(MarketView market, Map<String, PriceTick> prices, Map<String, YieldQuote> quotes, Ledger ledger,
                            Executor executor, long lastPlanAtSeconds) {
}

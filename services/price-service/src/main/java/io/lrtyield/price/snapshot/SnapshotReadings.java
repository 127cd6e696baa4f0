package io.lrtyield.price.snapshot;

import java.util.List;

/**
 * Everything one block's snapshot read.
 *
 * @param rates each priced asset's fundamental rate
 * @param market every market source of every asset
 * @param ethUsd the on-chain ETH/USD feeds (USD per ETH)
 */
public record SnapshotReadings(List<RateReading> rates, List<MarketReading> market, List<MarketReading> ethUsd) {

    public SnapshotReadings {
        rates = List.copyOf(rates);
        market = List.copyOf(market);
        ethUsd = List.copyOf(ethUsd);
    }
}

package io.lrtyield.price.snapshot;

import java.util.List;

/**
 * Everything one block's snapshot read.
 *
 * @param rates each priced asset's fundamental rate
 * @param market every market source of every asset
 * @param ethUsd the on-chain ETH/USD feeds (USD per ETH)
 * @param exposures each restaking token's exposure graph, by asset (empty without a restaking graph in the catalogue)
 */
public record SnapshotReadings(List<RateReading> rates, List<MarketReading> market, List<MarketReading> ethUsd,
                               java.util.Map<String, io.lrtyield.common.event.RestakingExposure> exposures) {

    public SnapshotReadings {
        rates = List.copyOf(rates);
        market = List.copyOf(market);
        ethUsd = List.copyOf(ethUsd);
        exposures = exposures == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exposures));
    }

    /** Without exposures. */
    public SnapshotReadings(List<RateReading> rates, List<MarketReading> market, List<MarketReading> ethUsd) {
        this(rates, market, ethUsd, null);
    }
}

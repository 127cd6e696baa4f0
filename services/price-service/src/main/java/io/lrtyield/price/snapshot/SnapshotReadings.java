package io.lrtyield.price.snapshot;

import java.util.List;

/**
 * Everything one block's snapshot read.
 *
 * @param rates each priced asset's fundamental rate
 * @param market every market source of every asset
 * @param ethUsd the on-chain ETH/USD feeds (USD per ETH)
 * @param exposures each restaking token's exposure graph, by asset (empty without a restaking graph in the catalogue)
 * @param positions the vault's EigenLayer positions' exposure, by asset and venue id
 * @param paused each restaking token's issuer contracts' {@code paused()} flags, by asset and contract
 */
public record SnapshotReadings(List<RateReading> rates, List<MarketReading> market, List<MarketReading> ethUsd,
                               java.util.Map<String, io.lrtyield.common.event.RestakingExposure> exposures,
                               java.util.Map<String, java.util.Map<String, io.lrtyield.common.event.RestakingExposure>> positions,
                               java.util.Map<String, java.util.Map<String, Boolean>> paused) {

    public SnapshotReadings {
        rates = List.copyOf(rates);
        market = List.copyOf(market);
        ethUsd = List.copyOf(ethUsd);
        exposures = exposures == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exposures));
        positions = positions == null ? java.util.Map.of() : java.util.Map.copyOf(positions);
        paused = paused == null ? java.util.Map.of() : java.util.Map.copyOf(paused);
    }

    /** Exposures only (no positions, no pause flags). */
    public SnapshotReadings(List<RateReading> rates, List<MarketReading> market, List<MarketReading> ethUsd,
                            java.util.Map<String, io.lrtyield.common.event.RestakingExposure> exposures) {
        this(rates, market, ethUsd, exposures, null, null);
    }

    /** Without exposures. */
    public SnapshotReadings(List<RateReading> rates, List<MarketReading> market, List<MarketReading> ethUsd) {
        this(rates, market, ethUsd, null, null, null);
    }
}

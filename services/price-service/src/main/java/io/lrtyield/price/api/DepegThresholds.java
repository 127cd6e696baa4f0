package io.lrtyield.price.api;

import io.lrtyield.common.catalogue.Asset;

import java.util.List;

/**
 * The depeg lines of one market-priced asset, as the catalogue sets them (the aggregator's alert levels): what a chart
 * draws its WARN and CRITICAL lines at.
 *
 * @param warnBps discount at which a WARN depeg alert is raised
 * @param criticalBps discount at which it becomes CRITICAL
 * @param hysteresisBps how far back below a line the discount must come before the level is left
 */
public record DepegThresholds(String asset, int warnBps, int criticalBps, int hysteresisBps) {

    /** Every priced asset with market sources, in catalogue order; the others have no discount to draw. */
    static List<DepegThresholds> of(List<Asset> assets) {
        return assets.stream().filter(Asset::priced).filter(Asset::marketPriced)
                .map(a -> new DepegThresholds(a.symbol(), a.market().depegWarnBps(), a.market().depegCriticalBps(), a.market().hysteresisBps()))
                .toList();
    }
}

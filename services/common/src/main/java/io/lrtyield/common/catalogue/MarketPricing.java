package io.lrtyield.common.catalogue;

import java.util.List;

/**
 * How an asset's market price is found and checked. Thresholds in basis points; absent (or zero) means the default.
 *
 * @param sources the market sources, aggregated by weighted median
 * @param maxJumpBps a source moving more than this from its last accepted value in one block is held out until
 *                   another source corroborates the new level or it holds it for {@code jumpConfirmBlocks} blocks
 * @param jumpConfirmBlocks blocks a jumped source must hold its new level before it is believed alone
 * @param maxDeviationBps a source further than this from the weighted median is rejected as an outlier
 * @param maxPremiumBps a source above the fundamental rate by more than this is implausible (the token can be minted
 *                      at the fundamental rate) and rejected
 * @param depegWarnBps discount at which a WARN depeg alert is raised
 * @param depegCriticalBps discount at which the alert becomes CRITICAL
 * @param hysteresisBps an alert level is left only once the discount is this far back below its threshold
 * @param maxExitSlippageBps slippage at a depth-probe size beyond which an EXIT_LIQUIDITY alert is raised
 */
public record MarketPricing(List<PriceSource> sources, Integer maxJumpBps, Integer jumpConfirmBlocks, Integer maxDeviationBps,
                            Integer maxPremiumBps, Integer depegWarnBps, Integer depegCriticalBps, Integer hysteresisBps,
                            Integer maxExitSlippageBps) {

    public MarketPricing {
        sources = sources == null ? List.of() : List.copyOf(sources);
        maxJumpBps = orDefault(maxJumpBps, 500);
        jumpConfirmBlocks = orDefault(jumpConfirmBlocks, 3);
        maxDeviationBps = orDefault(maxDeviationBps, 150);
        maxPremiumBps = orDefault(maxPremiumBps, 200);
        depegWarnBps = orDefault(depegWarnBps, 100);
        depegCriticalBps = orDefault(depegCriticalBps, 200);
        hysteresisBps = orDefault(hysteresisBps, 50);
        maxExitSlippageBps = orDefault(maxExitSlippageBps, 100);
        if (depegCriticalBps < depegWarnBps) {
            throw new IllegalArgumentException("depegCriticalBps " + depegCriticalBps + " below depegWarnBps " + depegWarnBps);
        }
        if (hysteresisBps >= depegWarnBps) {
            throw new IllegalArgumentException("hysteresisBps " + hysteresisBps + " must be below depegWarnBps " + depegWarnBps);
        }
        if (sources.stream().map(PriceSource::id).distinct().count() != sources.size()) {
            throw new IllegalArgumentException("price source ids must be unique within an asset");
        }
    }

    /** The given sources with every threshold at its default. */
    public static MarketPricing of(List<PriceSource> sources) {
        return new MarketPricing(sources, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static int orDefault(Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new IllegalArgumentException("market pricing thresholds must not be negative, got " + value);
        }
        return value == 0 ? fallback : value;
    }
}

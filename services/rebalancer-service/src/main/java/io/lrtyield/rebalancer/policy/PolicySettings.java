package io.lrtyield.rebalancer.policy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * @param riskAversion        λ, APY points per unit of risk score
 * @param horizonDays         holding horizon the gain is measured over
 * @param minGainEth          a plan must gain at least this much over the horizon after costs
 * @param costMargin          … and its gain must be ≥ costs · (1 + costMargin)
 * @param cooldownSeconds     block time between two proposed plans (emergency deleverage excepted)
 * @param venueCapFraction    default cap of one venue, fraction of the vault
 * @param venueCaps           per-venue caps, fraction of the vault (override the default)
 * @param protocolCapFraction cap per protocol, fraction of the vault
 * @param underlyingCapFraction cap per underlying staking token, fraction of the vault
 * @param tierCapFractions    cap per risk tier ("3" → 0.5), fraction of the vault
 * @param reserveFraction     share of the vault that must be redeemable within reserveMaxDelayDays
 * @param reserveMaxDelayDays D of the liquidity reserve
 * @param gasPriceGwei        gas price the costs assume
 * @param gasPerAction        gas units per vault action
 * @param slippageBps         linear trade cost per venue entered or left (fees, spread), in bps
 * @param quadraticCost       slippage coefficient per ETH traded (cost = k·t²)
 * @param minTradeEth         smallest trade worth making
 * @param hfTrigger           a loop below this health factor is deleveraged at once
 * @param loopRungs           the leverage rungs each loop is offered at, as fractions of its liquidation threshold
 *                            (LTV = rung × LT, never above the venue's maxLtv or targetLtv); empty: the catalogue's
 *                            targetLtv only
 * @param maxPriceAgeBlocks   a price older than this many blocks is treated as stale, whatever its status said
 * @param operatorCapFraction cap on the vault's ETH delegated to one EigenLayer operator across all venues (each venue
 *                            weighted by its share with the operator), fraction of the vault
 * @param avsCapFraction      cap on the vault's ETH one AVS operator set can slash across all venues (weighted by the
 *                            slashable share), fraction of the vault
 */
public record PolicySettings(double riskAversion, double horizonDays, BigDecimal minGainEth, double costMargin,
                             long cooldownSeconds, double venueCapFraction, Map<String, Double> venueCaps,
                             double protocolCapFraction, double underlyingCapFraction, Map<String, Double> tierCapFractions,
                             double reserveFraction, double reserveMaxDelayDays, double gasPriceGwei, long gasPerAction,
                             double slippageBps, double quadraticCost, double minTradeEth, BigDecimal hfTrigger,
                             java.util.List<Double> loopRungs, long maxPriceAgeBlocks, double operatorCapFraction,
                             double avsCapFraction) {

    /** Operator and AVS caps at their defaults (25 %, 20 %). */
    public PolicySettings(double riskAversion, double horizonDays, BigDecimal minGainEth, double costMargin,
                          long cooldownSeconds, double venueCapFraction, Map<String, Double> venueCaps,
                          double protocolCapFraction, double underlyingCapFraction, Map<String, Double> tierCapFractions,
                          double reserveFraction, double reserveMaxDelayDays, double gasPriceGwei, long gasPerAction,
                          double slippageBps, double quadraticCost, double minTradeEth, BigDecimal hfTrigger,
                          java.util.List<Double> loopRungs, long maxPriceAgeBlocks) {
        this(riskAversion, horizonDays, minGainEth, costMargin, cooldownSeconds, venueCapFraction, venueCaps, protocolCapFraction,
                underlyingCapFraction, tierCapFractions, reserveFraction, reserveMaxDelayDays, gasPriceGwei, gasPerAction, slippageBps,
                quadraticCost, minTradeEth, hfTrigger, loopRungs, maxPriceAgeBlocks, 0.25, 0.2);
    }

    public PolicySettings {
        venueCaps = Map.copyOf(venueCaps);
        tierCapFractions = Map.copyOf(tierCapFractions);
        loopRungs = java.util.List.copyOf(loopRungs);
    }

    public static PolicySettings defaults() {
        return new PolicySettings(1.0, 90, new BigDecimal("0.01"), 0.5, 3600, 0.3, Map.of(), 0.6, 0.7,
                Map.of("3", 0.5, "4", 0.2, "5", 0.0), 0.1, 1, 20, 250_000, 1, 0, 0.1, new BigDecimal("1.03"),
                java.util.List.of(0.5, 0.7, 0.8, 0.88), 10);
    }

    /** These settings with an admin's margin overrides (null: keep the configured value). */
    public PolicySettings withMargin(BigDecimal minGain, Double margin) {
        return new PolicySettings(riskAversion, horizonDays, minGain == null ? minGainEth : minGain, margin == null ? costMargin : margin,
                cooldownSeconds, venueCapFraction, venueCaps, protocolCapFraction, underlyingCapFraction, tierCapFractions,
                reserveFraction, reserveMaxDelayDays, gasPriceGwei, gasPerAction, slippageBps, quadraticCost, minTradeEth, hfTrigger,
                loopRungs, maxPriceAgeBlocks, operatorCapFraction, avsCapFraction);
    }

    /**
     * A quote older than this many blocks is stale: the yield service republishes an unchanged quote every 10 blocks
     * (`yield.publish-every-blocks`), so three missed republications mean its reads are failing.
     */
    public long maxQuoteAgeBlocks() {
        return 3 * Math.max(maxPriceAgeBlocks, 10);
    }

    /**
     * How long a rebalance waits for a venue's missing or stale price or quote to return before planning without it:
     * twice the quote's staleness age (60 blocks by default: a minute on the devnet, 12 minutes on mainnet).
     */
    public long dataWaitBlocks() {
        return 2 * maxQuoteAgeBlocks();
    }

    /** Horizon in years. */
    public double horizonYears() {
        return horizonDays / 365.0;
    }
}

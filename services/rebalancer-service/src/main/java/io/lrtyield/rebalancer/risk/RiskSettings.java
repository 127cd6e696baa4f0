package io.lrtyield.rebalancer.risk;

import java.math.BigDecimal;

/**
 * Knobs of the risk model; every score weight is in APY units (0.001 = 10 bp charged per unit).
 *
 * @param lrtDepeg               fractional depeg applied to each restaking token in turn (0.10 = 10 %)
 * @param lstDepeg               fractional depeg applied to every staking token at once (and what is built on them)
 * @param borrowAprSpike         borrow APR of the rate-spike scenario (0.25 = 25 %)
 * @param horizonYears           how long the spiked rate is paid before the position can be unwound
 * @param minStressedHealthFactor a loop whose health factor at its target leverage falls below this in any scenario is
 *                               not allowed (cap 0)
 * @param tierWeight             score per risk tier (1 … 5)
 * @param depegAlertWeight       score per depeg alert on the venue's asset in the history window
 * @param illiquidityWeight      score at zero exit liquidity (scaled by the share of the position that cannot exit)
 * @param delayWeightPerDay      score per day of withdrawal delay
 * @param slashingExposure       score added to restaking venues (configurable slashing exposure)
 */
public record RiskSettings(BigDecimal lrtDepeg, BigDecimal lstDepeg, BigDecimal borrowAprSpike, BigDecimal horizonYears,
                           BigDecimal minStressedHealthFactor, double tierWeight, double depegAlertWeight,
                           double illiquidityWeight, double delayWeightPerDay, double slashingExposure) {

    public static RiskSettings defaults() {
        return new RiskSettings(new BigDecimal("0.10"), new BigDecimal("0.05"), new BigDecimal("0.25"),
                new BigDecimal("0.0833"), new BigDecimal("1.0"), 0.002, 0.002, 0.01, 0.0002, 0.003);
    }
}

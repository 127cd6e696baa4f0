package io.lrtyield.strategy.optimizer;

/**
 * At least {@code minimum} ETH must sit in venues whose withdrawal delay is at most {@code maxWithdrawalDelayDays}.
 *
 * @param maxWithdrawalDelayDays D: a venue counts if its withdrawal delay ≤ D
 * @param minimum                R, ETH
 */
public record LiquidityReserve(double maxWithdrawalDelayDays, double minimum) {

    /** No reserve. */
    public static final LiquidityReserve NONE = new LiquidityReserve(0, 0);

    public LiquidityReserve {
        Checks.nonNegative("reserve maxWithdrawalDelayDays", maxWithdrawalDelayDays);
        Checks.nonNegative("reserve minimum", minimum);
    }

    boolean counts(Venue venue) {
        return venue.withdrawalDelayDays() <= maxWithdrawalDelayDays;
    }
}

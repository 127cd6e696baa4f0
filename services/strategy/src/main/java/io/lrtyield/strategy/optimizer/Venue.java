package io.lrtyield.strategy.optimizer;

/**
 * One place the vault's ETH can sit, as the optimizer sees it. Amounts are in ETH (doubles: a planning model).
 *
 * @param id                  unique venue id, referenced by {@link GroupCap#venues()}
 * @param current             amount held now, x0 (the trade is measured from it)
 * @param apy                 net APY at size zero, as a fraction (0.035 = 3.5 %)
 * @param apyDecayPerUnit     APY lost per ETH held (our own size dilutes the venue's yield): net APY(x) =
 *                            apy − apyDecayPerUnit·x, which makes the yield x·APY(x) concave
 * @param risk                risk score, charged as {@code riskAversion·risk} APY points (same unit as apy)
 * @param cap                 the venue's own cap (+Infinity for none)
 * @param exitLiquidityCap    the largest position we could exit at acceptable cost (+Infinity for none); the
 *                            optimizer uses min(cap, exitLiquidityCap)
 * @param withdrawalDelayDays days until a withdrawal is redeemable (counts toward the reserve if ≤ its limit)
 * @param cost                transition costs of trading this venue
 */
public record Venue(String id, double current, double apy, double apyDecayPerUnit, double risk, double cap,
                    double exitLiquidityCap, double withdrawalDelayDays, TradeCost cost) {

    public Venue {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("venue id must not be blank");
        }
        Checks.nonNegative(id + ".current", current);
        Checks.finite(id + ".apy", apy);
        Checks.nonNegative(id + ".apyDecayPerUnit", apyDecayPerUnit);
        Checks.nonNegative(id + ".risk", risk);
        Checks.limit(id + ".cap", cap);
        Checks.limit(id + ".exitLiquidityCap", exitLiquidityCap);
        Checks.nonNegative(id + ".withdrawalDelayDays", withdrawalDelayDays);
        if (cost == null) {
            throw new IllegalArgumentException(id + ".cost must not be null (use TradeCost.NONE)");
        }
    }

    /**
     * The objective's yield term at amount {@code x}: (apy − λ·risk)·H·x − ½·q·x² with q = 2·H·apyDecayPerUnit (the
     * solver carries the same p and q in arrays, {@link SeparableQp}). For callers that value an allocation — "do
     * nothing" included — the way the optimizer does.
     */
    public double riskAdjustedYield(double x, double riskAversion, double horizonYears) {
        return (apy - riskAversion * risk) * horizonYears * x - horizonYears * apyDecayPerUnit * x * x;
    }

    /** The upper bound the optimizer enforces. */
    public double upperBound() {
        return Math.min(cap, exitLiquidityCap);
    }
}

package io.lrtyield.strategy.optimizer;

/**
 * What it costs to move an amount in or out of a venue, in the allocation's unit (ETH). For a trade t = |x − x0|
 * the convex cost is {@code perUnit·t + quadratic·t²} (fees and linear price impact, then slippage growing with
 * size); {@code gasPerAction} is paid once if the venue is traded at all and {@code minTrade} is the smallest trade
 * worth making — those two are non-convex and handled by the optimizer's second pass.
 *
 * @param perUnit      cost per unit traded (e.g. 0.0005 for 5 bp)
 * @param quadratic    slippage coefficient, cost = quadratic·t² (1/ETH)
 * @param gasPerAction fixed cost of touching the venue (ETH)
 * @param minTrade     smallest trade worth executing (ETH); 0 for none
 */
public record TradeCost(double perUnit, double quadratic, double gasPerAction, double minTrade) {

    /** Free to move: for venues whose costs are negligible or modelled elsewhere. */
    public static final TradeCost NONE = new TradeCost(0, 0, 0, 0);

    public TradeCost {
        Checks.nonNegative("perUnit cost", perUnit);
        Checks.nonNegative("quadratic cost", quadratic);
        Checks.nonNegative("gasPerAction", gasPerAction);
        Checks.nonNegative("minTrade", minTrade);
    }
}

package io.lrtyield.strategy.optimizer;

/**
 * A constraint that is tight at the optimum, with its shadow price: how much the objective (ETH over the horizon)
 * would gain per extra ETH of limit. For caps it is ≥ 0; for the reserve it is ≤ 0 (a larger reserve costs yield);
 * for the budget it is the marginal value of one more ETH to allocate.
 *
 * @param kind        what kind of limit
 * @param name        venue id, group name, "reserve" or "budget"
 * @param value       the constrained sum at the optimum
 * @param limit       the limit
 * @param shadowPrice ∂objective/∂limit
 */
public record BindingConstraint(Kind kind, String name, double value, double limit, double shadowPrice) {

    /** The kinds of constraint. */
    public enum Kind { BUDGET, VENUE_CAP, EXIT_LIQUIDITY_CAP, GROUP_CAP, RESERVE }
}

package io.lrtyield.strategy.optimizer;

/**
 * One venue in the result; every figure is ETH over the horizon except the amounts.
 *
 * @param venue             venue id
 * @param current           amount held before, x0
 * @param amount            target amount, x
 * @param trade             x − x0 (positive: enter, negative: exit)
 * @param riskAdjustedYield (apy − λ·risk)·horizon·x − ½·q·x², the size decay included
 * @param transitionCost    perUnit·|t| + quadratic·t², plus gas if traded
 * @param contribution      riskAdjustedYield − transitionCost: this venue's term of the objective
 * @param held              true if the second pass kept this venue at its current amount (trade below the minimum
 *                          or not worth its gas)
 */
public record VenueAllocation(String venue, double current, double amount, double trade, double riskAdjustedYield,
                              double transitionCost, double contribution, boolean held) {
}

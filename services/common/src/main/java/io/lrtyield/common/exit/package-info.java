/**
 * Exit routes: how a position leaves its venue (sale, redemption, withdrawal queue, maturity), what each costs for a
 * size, and the choice of the cheapest — one definition for the yield service's size curves and the rebalancer's costs.
 */
package io.lrtyield.common.exit;

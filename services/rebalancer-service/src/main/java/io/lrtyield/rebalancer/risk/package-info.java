/**
 * The risk model: stress scenarios (each LRT depegs, correlated LST depeg, borrow-rate spike, oracle switched to the
 * market price) → loss and health factor per scenario per position; a risk score per venue from tier, depeg history,
 * liquidity, withdrawal delay and slashing exposure; the book of active alerts. Plain Java.
 */
package io.lrtyield.rebalancer.risk;

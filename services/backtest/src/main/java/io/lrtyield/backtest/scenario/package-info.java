/** Scenario generators: documented market shapes (calm year, LRT depeg, LST discount, borrow-rate spike, restaking slashing, oracle outage), deterministic by seed. */
package io.lrtyield.backtest.scenario;

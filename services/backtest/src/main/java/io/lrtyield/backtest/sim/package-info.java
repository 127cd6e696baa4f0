/** Simulated execution against a history: the vault's ledger, fills, gas, withdrawal queues, interest, liquidations, and the vault as the rebalancer's PortfolioReader would read it. */
package io.lrtyield.backtest.sim;

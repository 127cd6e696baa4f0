/** The production configuration and catalogue the backtester runs with: the rebalancer's own StrategyConfig (SmallRye-mapped from its application.properties) and the devnet catalogue with synthetic addresses. */
package io.lrtyield.backtest.config;

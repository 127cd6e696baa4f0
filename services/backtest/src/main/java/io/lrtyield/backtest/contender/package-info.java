/** Who runs the vault: the production strategy (DecisionPolicy and PlanMaker, called as the service calls them) and the benchmarks, all trading through the production plan builder. */
package io.lrtyield.backtest.contender;

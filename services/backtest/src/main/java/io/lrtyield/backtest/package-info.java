/**
 * The backtester: the rebalancer's production decision code replayed over market histories and crises, beside
 * benchmarks, with a report. See the module README.
 */
package io.lrtyield.backtest;

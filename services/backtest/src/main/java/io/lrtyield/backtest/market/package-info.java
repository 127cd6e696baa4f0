/** A history sample as the production code reads it (prices.v1 ticks, yields.v1 quotes) and the DEX pool model that both prices exits in the quotes and fills sales. */
package io.lrtyield.backtest.market;

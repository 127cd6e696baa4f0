/** The block-by-block replay, its decision cadence, the metrics and chart series of each run, and the suite that wires the production strategy. */
package io.lrtyield.backtest.run;

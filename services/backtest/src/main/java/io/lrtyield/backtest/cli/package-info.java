/** The make backtest command line. */
package io.lrtyield.backtest.cli;

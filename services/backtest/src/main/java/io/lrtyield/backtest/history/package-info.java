/** Market histories: the sample model (12-place fixed-point figures), the gzip'd history file format and its validating reader. */
package io.lrtyield.backtest.history;

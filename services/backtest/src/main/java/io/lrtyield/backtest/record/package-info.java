/** Recording a running stack's prices.v1 and yields.v1 into a history file. */
package io.lrtyield.backtest.record;

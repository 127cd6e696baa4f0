package io.lrtyield.backtest.run;

import io.lrtyield.backtest.history.HistoryHeader;

import java.util.List;

/**
 * A history's backtest: each contender's metrics (table order), the chart series, the run's wall time, and the
 * strategy's decision log (reasons of the plans it made, first ones only).
 */
public record RunResult(HistoryHeader history, List<Metrics> metrics, Series series, long millis, List<String> planLog) {

    public Metrics of(String contender) {
        return metrics.stream().filter(m -> m.contender().equals(contender)).findFirst().orElseThrow();
    }
}

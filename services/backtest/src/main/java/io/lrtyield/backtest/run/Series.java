package io.lrtyield.backtest.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chart data of one run, one point per chart step: the day, each contender's value (fundamental and market), health
 * factor, the strategy's allocation shares, and the scenario's focal figure.
 */
public final class Series {

    public final List<Double> days = new ArrayList<>();
    public final Map<String, List<Double>> fundamental = new LinkedHashMap<>();
    public final Map<String, List<Double>> market = new LinkedHashMap<>();
    public final Map<String, List<Double>> healthFactor = new LinkedHashMap<>();
    public final Map<String, List<Double>> allocation = new LinkedHashMap<>();
    public final Map<String, List<Double>> focus = new LinkedHashMap<>();

    static void add(Map<String, List<Double>> m, String key, double v, int index) {
        List<Double> list = m.computeIfAbsent(key, k -> new ArrayList<>());
        while (list.size() < index) {
            list.add(0.0);
        }
        list.add(v);
    }
}

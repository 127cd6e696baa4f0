package io.lrtyield.price.aggregate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;

/**
 * Weighted median and weighted mean absolute deviation of prices. The median is the value where half the total weight
 * lies on each side; when the half falls exactly between two values (two equal weights, say) it is their midpoint.
 * Weights are planning numbers ({@code double}); prices stay exact.
 */
public final class WeightedMedian {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final double EPSILON = 1e-12;

    /** One weighted price. */
    public record Point(BigDecimal value, double weight) {
        public Point {
            if (value == null || !(weight > 0)) {
                throw new IllegalArgumentException("a weighted point needs a value and a positive weight");
            }
        }
    }

    private WeightedMedian() {
    }

    public static BigDecimal median(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("median of no points");
        }
        List<Point> sorted = points.stream().sorted(Comparator.comparing(Point::value)).toList();
        double half = sorted.stream().mapToDouble(Point::weight).sum() / 2;
        double cumulative = 0;
        for (int k = 0; k < sorted.size(); k++) {
            cumulative += sorted.get(k).weight();
            if (Math.abs(cumulative - half) <= EPSILON * half && k + 1 < sorted.size()) {
                return sorted.get(k).value().add(sorted.get(k + 1).value()).divide(BigDecimal.TWO, MC);
            }
            if (cumulative > half) {
                return sorted.get(k).value();
            }
        }
        return sorted.get(sorted.size() - 1).value();
    }

    /** Σ wᵢ·|vᵢ − center| / Σ wᵢ / center, in bps. */
    public static double deviationBps(List<Point> points, BigDecimal center) {
        double total = 0;
        double weighted = 0;
        for (Point p : points) {
            total += p.weight();
            weighted += p.weight() * p.value().subtract(center).abs().divide(center, MC).doubleValue();
        }
        return total == 0 ? 0 : weighted / total * 10_000;
    }
}

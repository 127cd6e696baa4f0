package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.exit.ExitRoute;

import java.util.Comparator;
import java.util.List;

/**
 * What the optimizer needs of a venue's quote, read so that no cost is counted twice:
 * <ul>
 *   <li>{@code apy}: the quote's net APY (the marginal position's);</li>
 *   <li>{@code decayPerEth}: how fast the net APY falls with our own size <em>before</em> the exit — each size point
 *       carries the exit it assumed and what that took off its APY ({@link ExitRoute#apyCost()}), which is added back:
 *       the exit is charged once, as a trade cost, not also as lost yield;</li>
 *   <li>{@code exit}: the cheapest exit route for a position as large as the venue may grow ({@code refSizeEth}),
 *       whose cost fraction the trade cost charges per ETH moved: interpolated linearly in size between the two size
 *       points around it (the route of the larger one where they differ), the end point's beyond the curve. The
 *       curve's grid is coarse (10 / 100 / 1,000 / 10,000 ETH): taking the next point up priced a 300-ETH position's
 *       exit as a 1,000-ETH one, which kept the backtest's loop out at every rung.</li>
 * </ul>
 *
 * @param exit the exit route priced, null when the quote names none (an Aave withdrawal, a PT held to maturity)
 */
public record VenueEconomics(double apy, double decayPerEth, ExitRoute exit) {

    /** Cost of leaving per ETH of position, 0 when no route is named. */
    public double exitCostFraction() {
        return exit == null ? 0 : Math.max(0, exit.costFraction().doubleValue());
    }

    public static VenueEconomics of(YieldQuote q, double refSizeEth) {
        if (q == null) {
            return new VenueEconomics(0, 0, null);
        }
        List<SizePoint> c = q.sizeCurve().stream().sorted(Comparator.comparing(SizePoint::sizeEth)).toList();
        double decay = 0;
        if (c.size() >= 2) {
            SizePoint lo = c.get(0);
            SizePoint hi = c.get(c.size() - 1);
            double dx = hi.sizeEth().doubleValue() - lo.sizeEth().doubleValue();
            decay = dx <= 0 ? 0 : Math.max(0, (beforeExit(lo) - beforeExit(hi)) / dx);
        }
        ExitRoute exit = exitAt(c.stream().filter(p -> p.exit() != null).toList(), refSizeEth);
        return new VenueEconomics(q.netApy().doubleValue(), decay, exit);
    }

    /** The exit at {@code size} on the points that name one (sorted by size); null when none does. */
    static ExitRoute exitAt(List<SizePoint> points, double size) {
        if (points.isEmpty()) {
            return null;
        }
        SizePoint first = points.get(0);
        SizePoint last = points.get(points.size() - 1);
        if (size <= first.sizeEth().doubleValue()) {
            return first.exit();
        }
        if (size >= last.sizeEth().doubleValue()) {
            return last.exit();
        }
        for (int i = 1; i < points.size(); i++) {
            SizePoint hi = points.get(i);
            if (hi.sizeEth().doubleValue() == size) {
                return hi.exit();
            }
            if (hi.sizeEth().doubleValue() > size) {
                SizePoint lo = points.get(i - 1);
                double t = (size - lo.sizeEth().doubleValue()) / (hi.sizeEth().doubleValue() - lo.sizeEth().doubleValue());
                ExitRoute a = lo.exit();
                ExitRoute b = hi.exit();
                return new ExitRoute(b.kind(), lerp(a.costFraction(), b.costFraction(), t), b.delayDays(), lerp(a.apyCost(), b.apyCost(), t));
            }
        }
        return last.exit();
    }

    private static java.math.BigDecimal lerp(java.math.BigDecimal a, java.math.BigDecimal b, double t) {
        return a.add(b.subtract(a).multiply(java.math.BigDecimal.valueOf(t)), java.math.MathContext.DECIMAL64);
    }

    private static double beforeExit(SizePoint p) {
        return p.netApy().doubleValue() + (p.exit() == null ? 0 : p.exit().apyCost().doubleValue());
    }
}

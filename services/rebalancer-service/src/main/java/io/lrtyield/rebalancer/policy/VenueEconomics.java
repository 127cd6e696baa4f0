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
 *   <li>{@code exit}: the cheapest exit route for a position as large as the venue may grow ({@code refSizeEth}: the
 *       first size point at or above it, else the largest the market can fill), whose cost fraction the trade cost
 *       charges per ETH moved.</li>
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
        ExitRoute exit = c.stream().filter(p -> p.exit() != null && p.sizeEth().doubleValue() >= refSizeEth).map(SizePoint::exit)
                .findFirst().orElse(null);
        if (exit == null) {
            exit = c.stream().filter(p -> p.exit() != null).reduce((a, b) -> b).map(SizePoint::exit).orElse(null);
        }
        return new VenueEconomics(q.netApy().doubleValue(), decay, exit);
    }

    private static double beforeExit(SizePoint p) {
        return p.netApy().doubleValue() + (p.exit() == null ? 0 : p.exit().apyCost().doubleValue());
    }
}

package io.lrtyield.common.exit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the cheapest way out of a position of a given size among the routes a venue has (ARCHITECTURE §6, "exits
 * are priced by route and time"). A queue costs time, not principal: {@code delay × (yield given up + risk premium)}
 * — the queued ETH earns nothing while it waits (Lido fixes a request's stETH at request time) and the premium pays
 * for the chance that the queue stretches or the protocol pauses it. A sale costs its price impact, and a redemption
 * nothing within its liquidity. Plain Java: the yield service's size curves and the rebalancer's trade costs use it
 * alike.
 */
public final class ExitRouteChooser {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);

    /**
     * One candidate route for one size.
     *
     * @param kind         the route
     * @param costFraction its cost as a fraction of the size, or null when it cannot take the size (liquidity)
     * @param delayDays    days until the ETH is back
     */
    public record Option(ExitRoute.Kind kind, BigDecimal costFraction, BigDecimal delayDays) {
    }

    private ExitRouteChooser() {
    }

    /** A queue of {@code delayDays} for a position yielding {@code forgoneApy}, with {@code riskPremiumApy} on top. */
    public static Option queue(BigDecimal delayDays, BigDecimal forgoneApy, BigDecimal riskPremiumApy) {
        BigDecimal rate = forgoneApy.max(BigDecimal.ZERO).add(riskPremiumApy.max(BigDecimal.ZERO));
        return new Option(ExitRoute.Kind.QUEUE, delayDays.multiply(rate, MC).divide(DAYS_PER_YEAR, MC), delayDays);
    }

    /** The cheapest option that can take the size; ties go to the faster one. Empty when none can. */
    public static Optional<Option> cheapest(List<Option> options) {
        return options.stream().filter(o -> o.costFraction() != null)
                .min(Comparator.comparing(Option::costFraction).thenComparing(Option::delayDays));
    }

    /** The chosen option as a size point's route, {@code apyCost} = its cost amortised over {@code horizonDays}. */
    public static ExitRoute route(Option o, BigDecimal horizonDays) {
        BigDecimal apy = o.costFraction().multiply(DAYS_PER_YEAR, MC).divide(horizonDays, MC);
        return new ExitRoute(o.kind(), o.costFraction().setScale(18, RoundingMode.HALF_EVEN).stripTrailingZeros(),
                o.delayDays().stripTrailingZeros(), apy.setScale(18, RoundingMode.HALF_EVEN).stripTrailingZeros());
    }
}

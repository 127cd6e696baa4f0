package io.lrtyield.yield.model;

import io.lrtyield.common.event.QuoteFlag;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.common.exit.ExitRouteChooser;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a staking or restaking quote carries beyond its rate-growth APY ({@link StakingYieldModel}):
 * <ul>
 *   <li>size: entry mints at the protocol rate (no slippage); the exit is the cheapest route for the size
 *       ({@link ExitRouteChooser}): an <em>instant</em> sale of the token's pegged coin ({@code exitPool}, coin
 *       {@code exitCoin}) into a StableSwap pool ({@link StablePool#sellCost}, exact), or the protocol's withdrawal
 *       queue, which returns ETH 1:1 after {@code withdrawalDelaySeconds} at the cost of that many days of the venue's
 *       yield plus the queue risk premium; a venue with no delay and no pool redeems at its rate (rETH burn). The
 *       chosen route's cost is amortised over the horizon and named on each size point;</li>
 *   <li>points band (catalogue), never in the net figure;</li>
 *   <li>risk inputs: withdrawal delay, exit-pool depth; the restaking premium over the LST named by
 *       {@code premiumOver} (LRT APY − LST APY).</li>
 * </ul>
 */
public final class StakingExtras {

    private static final MathContext MC = YieldMath.MC;

    private StakingExtras() {
    }

    /** The staking result with size costs, points and risk inputs; {@code exitPool} null when not read (yet). */
    public record Extended(StakingYieldModel.Result result, List<YieldComponent> components, List<SizePoint> sizeCurve,
                           List<String> flags, Map<String, String> risk) {
    }

    public static Extended extend(Venue venue, StakingYieldModel.Result r, StablePool exitPool, BigDecimal horizonDays,
                                  BigDecimal premiumOverApy, BigDecimal queueRiskPremium) {
        List<YieldComponent> components = new ArrayList<>(r.components());
        List<String> flags = new ArrayList<>(r.flags());
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("withdrawalDelaySeconds", Long.toString(venue.withdrawalDelaySeconds()));
        boolean hasPool = venue.param("exitPool").isPresent();
        if (hasPool && exitPool == null) {
            flags.add(QuoteFlag.SIZE_IMPACT.with("exit pool state not read yet; the size curve prices the exit by the queue alone"));
        }
        if (hasPool && exitPool != null) {
            risk.put("exitPoolDepthEth", exitPool.depthEth().round(new MathContext(18)).stripTrailingZeros().toPlainString());
        }
        int coin = Integer.parseInt(venue.param("exitCoin").orElse("1"));
        BigDecimal delayDays = BigDecimal.valueOf(venue.withdrawalDelaySeconds()).divide(BigDecimal.valueOf(86_400), MC);
        List<SizePoint> curve = new ArrayList<>();
        for (SizePoint p : r.sizeCurve()) {
            List<ExitRouteChooser.Option> options = new ArrayList<>();
            if (hasPool && exitPool != null) {
                BigDecimal cost = exitPool.sellCost(coin, YieldMath.wei(p.sizeEth()), BigDecimal.ONE);
                options.add(new ExitRouteChooser.Option(ExitRoute.Kind.INSTANT_DEX, cost.compareTo(BigDecimal.ONE) >= 0 ? null : cost,
                        BigDecimal.ZERO));
            }
            if (venue.withdrawalDelaySeconds() > 0) {
                options.add(ExitRouteChooser.queue(delayDays, r.netApy(), queueRiskPremium));
            } else if (!hasPool) {
                options.add(new ExitRouteChooser.Option(ExitRoute.Kind.REDEMPTION, BigDecimal.ZERO, BigDecimal.ZERO));
            }
            ExitRoute route = ExitRouteChooser.cheapest(options).map(o -> ExitRouteChooser.route(o, horizonDays)).orElse(null);
            curve.add(route == null ? p
                    : new SizePoint(p.sizeEth(), YieldMath.scale(p.netApy().subtract(route.apyCost(), MC)), route));
        }
        VenueQuoter.points(venue, components, risk);
        if (premiumOverApy != null) {
            risk.put("restakingPremium", YieldMath.scale(r.netApy().subtract(premiumOverApy)).stripTrailingZeros().toPlainString());
            risk.put("premiumOver", venue.param("premiumOver").orElse(""));
        }
        return new Extended(r, components, curve, flags, risk);
    }
}

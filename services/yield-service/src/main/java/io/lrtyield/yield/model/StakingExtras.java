package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a staking or restaking quote carries beyond its rate-growth APY ({@link StakingYieldModel}):
 * <ul>
 *   <li>size: entry mints at the protocol rate (no slippage); an <em>instant</em> exit sells the token's pegged coin
 *       ({@code exitPool}, coin {@code exitCoin}) into a StableSwap pool, the cost ({@link StablePool#sellCost}) amortised
 *       over the horizon. The protocol's withdrawal queue is free but takes {@code withdrawalDelaySeconds}; the curve
 *       is the conservative, instant-liquidity figure;</li>
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
                                  BigDecimal premiumOverApy) {
        List<YieldComponent> components = new ArrayList<>(r.components());
        List<String> flags = new ArrayList<>(r.flags());
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("withdrawalDelaySeconds", Long.toString(venue.withdrawalDelaySeconds()));
        List<SizePoint> curve = r.sizeCurve();
        if (venue.param("exitPool").isPresent()) {
            if (exitPool == null) {
                flags.add("size-impact: exit pool state not read yet; the size curve ignores exit costs");
            } else {
                int coin = Integer.parseInt(venue.param("exitCoin").orElse("1"));
                risk.put("exitPoolDepthEth", exitPool.depthEth().round(new MathContext(18)).stripTrailingZeros().toPlainString());
                curve = new ArrayList<>();
                for (SizePoint p : r.sizeCurve()) {
                    BigDecimal cost = exitPool.sellCost(coin, YieldMath.wei(p.sizeEth()), BigDecimal.ONE);
                    curve.add(new SizePoint(p.sizeEth(), YieldMath.scale(p.netApy().subtract(YieldMath.amortised(cost, horizonDays), MC))));
                }
            }
        }
        VenueQuoter.points(venue, components, risk);
        if (premiumOverApy != null) {
            risk.put("restakingPremium", YieldMath.scale(r.netApy().subtract(premiumOverApy)).stripTrailingZeros().toPlainString());
            risk.put("premiumOver", venue.param("premiumOver").orElse(""));
        }
        return new Extended(r, components, curve, flags, risk);
    }
}

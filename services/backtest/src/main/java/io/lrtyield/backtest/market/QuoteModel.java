package io.lrtyield.backtest.market;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.QuoteFlag;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.exit.ExitRoute;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code yields.v1} quotes a history implies, in the shape the yield service publishes: net APY with its
 * components, a size curve whose points carry the exit route they assumed (priced with {@link PoolModel} on the
 * sample's depth and discount, a protocol redemption at 0, Lido's queue at the yield given up while queued), and the
 * risk inputs the policy reads ({@code exitLiquidityEth}, {@code borrowAvailableEth}, {@code leverage}). Venues the
 * history has no market for (Pendle PT, Curve LP, EigenLayer) get no quote: the policy leaves them out as
 * "no quote yet", as it would on a chain without those markets.
 */
public final class QuoteModel {

    /** The yield service's default size grid (yield.size-curve-eth). */
    static final double[] SIZES = {10, 100, 1_000, 10_000};
    /** The yield service's amortisation horizon: an exit's cost over 90 days comes off a size point's APY. */
    static final double HORIZON_YEARS = 90 / 365.0;
    /** Exit liquidity of a protocol redemption (rETH deposit pool, pufETH vault) or Lido's queue, ETH. */
    static final double REDEMPTION_LIQUIDITY = 5_000;
    static final double QUEUE_RISK_PREMIUM = 0.0005;

    private final Catalogue catalogue;

    public QuoteModel(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Map<String, YieldQuote> quotes(MarketView m) {
        Map<String, YieldQuote> out = new HashMap<>();
        for (Venue v : catalogue.venues()) {
            YieldQuote q = quote(v, m);
            if (q != null) {
                out.put(v.id(), q);
            }
        }
        return out;
    }

    YieldQuote quote(Venue v, MarketView m) {
        Provenance p = m.provenance();
        return switch (v.venueKind()) {
            case NATIVE_STAKING, RESTAKING_TOKEN -> token(v, m, p);
            case LENDING_SUPPLY -> supply(v, m, p);
            case LEVERAGED_LOOP -> loop(v, m, p);
            default -> null;
        };
    }

    private YieldQuote token(Venue v, MarketView m, Provenance p) {
        double apr = m.stakingApr(v.asset());
        double f = m.rate(v.asset()).doubleValue();
        double mk = m.market(v.asset()).doubleValue();
        double depth = m.depth(v.asset()).doubleValue();
        double fee = m.dexFeeBps().doubleValue();
        List<SizePoint> curve = new ArrayList<>();
        for (double size : SIZES) {
            ExitRoute best = route(ExitRoute.Kind.INSTANT_DEX, PoolModel.exitCost(size, f, mk, depth, fee), 0);
            if (redeemable(v)) {
                best = route(ExitRoute.Kind.REDEMPTION, 0, 0);
            }
            if (v.param("withdrawalQueue").isPresent()) {
                double days = v.withdrawalDelaySeconds() / 86_400.0;
                ExitRoute queue = route(ExitRoute.Kind.QUEUE, apr * days / 365 + QUEUE_RISK_PREMIUM, days);
                best = queue.costFraction().compareTo(best.costFraction()) < 0 ? queue : best;
            }
            curve.add(new SizePoint(dec(size), dec(apr - best.apyCost().doubleValue()), best));
        }
        double exitLiquidity = redeemable(v) || v.param("withdrawalQueue").isPresent() ? Math.max(REDEMPTION_LIQUIDITY, depth) : depth;
        return quote(v, m, p, apr, List.of(new YieldComponent("staking", dec(apr), "backtest history: rate growth")), curve,
                List.of(), Map.of("exitLiquidityEth", plain(exitLiquidity), "withdrawalDelaySeconds", String.valueOf(v.withdrawalDelaySeconds())));
    }

    private YieldQuote supply(Venue v, MarketView m, Provenance p) {
        double apr = m.supplyApr();
        List<SizePoint> curve = new ArrayList<>();
        for (double size : SIZES) {
            curve.add(new SizePoint(dec(size), dec(apr), route(ExitRoute.Kind.REDEMPTION, 0, 0)));
        }
        return quote(v, m, p, apr, List.of(new YieldComponent("supply", dec(apr), "backtest history: WETH supply APR")), curve, List.of(),
                Map.of("exitLiquidityEth", plain(m.wethAvailable())));
    }

    private YieldQuote loop(Venue v, MarketView m, Provenance p) {
        String collateral = v.param("stakingAsset").orElse(v.asset());
        double ltv = v.decimalParam("targetLtv", BigDecimal.ZERO).doubleValue();
        double l = 1 / (1 - ltv);
        double staking = m.stakingApr(collateral) * l;
        double borrow = -m.borrowApr() * (l - 1);
        double net = staking + borrow;
        double f = m.rate(v.asset()).doubleValue();
        double mk = m.market(v.asset()).doubleValue();
        double depth = m.depth(v.asset()).doubleValue();
        double fee = m.dexFeeBps().doubleValue();
        List<SizePoint> curve = new ArrayList<>();
        for (double size : SIZES) {
            // an unwind sells the collateral that repays the debt, L − 1 per unit of equity (the rest is withdrawn)
            ExitRoute exit = route(ExitRoute.Kind.INSTANT_DEX, (l - 1) * PoolModel.exitCost(size * (l - 1), f, mk, depth, fee), 0);
            curve.add(new SizePoint(dec(size), dec(net - exit.apyCost().doubleValue()), exit));
        }
        List<String> flags = net < 0 ? List.of(QuoteFlag.NEGATIVE_CARRY.with("borrow costs more than the collateral earns")) : List.of();
        return quote(v, m, p, net, List.of(new YieldComponent("staking × leverage", dec(staking), "backtest history"),
                        new YieldComponent("borrow cost", dec(borrow), "backtest history: WETH borrow APR × (L − 1)")), curve, flags,
                Map.of("leverage", plain(l), "borrowAvailableEth", plain(m.wethAvailable()), "exitLiquidityEth", plain(depth / l)));
    }

    private static boolean redeemable(Venue v) {
        return "rETH".equals(v.asset()) || "pufETH".equals(v.asset());
    }

    private static YieldQuote quote(Venue v, MarketView m, Provenance p, double apy, List<YieldComponent> components,
                                    List<SizePoint> curve, List<String> flags, Map<String, String> risk) {
        return new YieldQuote(YieldQuote.SCHEMA_VERSION, YieldQuote.idFor(v.id(), p), v.id(), v.kind(), v.asset(), dec(apy), "7d",
                components, List.of(), curve, 10_000, flags, p, risk);
    }

    private static ExitRoute route(ExitRoute.Kind kind, double cost, double delayDays) {
        double c = Math.max(0, cost);
        return new ExitRoute(kind, dec(c), dec(delayDays), dec(c / HORIZON_YEARS));
    }

    static BigDecimal dec(double v) {
        return BigDecimal.valueOf(v).setScale(12, RoundingMode.HALF_EVEN);
    }

    private static String plain(double v) {
        return dec(v).stripTrailingZeros().toPlainString();
    }
}

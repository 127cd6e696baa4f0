package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.dex.pendle.PendleAmm;
import io.lrtyield.common.event.QuoteFlag;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.WindowYield;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.common.exit.ExitRouteChooser;
import io.lrtyield.common.lending.morpho.AccruedMarket;
import io.lrtyield.common.lending.morpho.MorphoVenue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Quotes the market venues (lending supply, leveraged loop, fixed-yield PT, LP, EigenLayer strategy, idle) from one
 * block's {@link MarketState}; staking and restaking tokens are quoted from their rate history by
 * {@link StakingYieldModel}. Plain Java: the snapshot pipeline, the tests and the benchmark call it alike.
 *
 * <p>Venue {@code params} it reads (catalogue; a contract is a name from the catalogue's {@code contracts} or an
 * address): {@code pool} (Aave pool, or Curve pool for LP), {@code rateModel} / {@code borrowRateModel} /
 * {@code collateralRateModel} ({@code "base,slope1,slope2,optimal"}, for the rate impact of our own size),
 * {@code sy} (a Pendle market's SY, whose {@code exchangeRate()} converts SY to asset; none: the SY is the asset),
 * {@code borrowAsset} (default WETH), {@code targetLtv}, {@code liquidationThreshold}, {@code stakingAsset} (whose
 * staking APY the venue earns, default the venue's asset), {@code market} (Pendle), {@code ethCoin} (index of the
 * ETH-side coin of an LP pool, default 0), {@code pointsPerEthPerDay}, {@code pointPriceEthLow},
 * {@code pointPriceEthHigh}; a lending venue on Morpho Blue names {@code morpho} and {@code marketId} (with the market's
 * parameters, {@link MorphoVenue}) instead of {@code pool} and is quoted by {@link MorphoSupplyModel}.
 *
 * <p>A loop with an {@code exitPool} / {@code exitCoin} is unwound by selling its whole collateral (L × S) into that pool;
 * the cost, L times per unit of equity, is amortised like the others.
 *
 * <p>Size: a position of S ETH pays entry + exit costs, amortised over {@code horizonDays}
 * ({@link YieldMath#amortised}), and moves the lending rates it touches along the market's rate model: the on-chain
 * rate plus the model's change from today's usage to the usage with S added. A PT is different: bought on Pendle's AMM
 * ({@link PendleAmm}, fee and price impact) and held to expiry, its net APY at S is the implied APY of the effective
 * price paid ({@link PtEntry}); no horizon, no exit trade. Sizes a market cannot fill are left out, with a flag.
 */
public final class VenueQuoter {

    private static final MathContext MC = YieldMath.MC;
    private static final BigDecimal ZERO = YieldMath.scale(BigDecimal.ZERO);

    /** One venue's quote, before provenance. */
    public record VenueQuote(BigDecimal netApy, String basis, List<YieldComponent> components, List<WindowYield> windows,
                             List<SizePoint> sizeCurve, List<String> flags, Map<String, String> risk) {
    }

    /**
     * @param contracts the catalogue's named contracts
     * @param stakingApy latest staking APY by asset symbol (from the staking quotes)
     * @param lpGrowth virtual-price windows by venue id (the LP's history)
     */
    public record Context(Map<String, String> contracts, Map<String, BigDecimal> stakingApy,
                          Map<String, StakingYieldModel.Result> lpGrowth) {
    }

    private final List<BigDecimal> sizesEth;
    private final BigDecimal horizonDays;

    public VenueQuoter(List<BigDecimal> sizesEth, BigDecimal horizonDays) {
        this.sizesEth = List.copyOf(sizesEth);
        this.horizonDays = horizonDays;
    }

    /** The quote, or empty when the kind is not a market venue or its state is unavailable (the reason is logged by the caller). */
    public Optional<VenueQuote> quote(Venue venue, MarketState state, Context ctx) {
        return switch (venue.venueKind()) {
            case LENDING_SUPPLY -> lending(venue, state, ctx);
            case LEVERAGED_LOOP -> loop(venue, state, ctx);
            case FIXED_YIELD_PT -> pendle(venue, state, ctx);
            case LP -> lp(venue, state, ctx);
            case EIGENLAYER_STRATEGY -> eigen(venue, ctx);
            case IDLE -> Optional.of(flat(ZERO, "spot", List.of(new YieldComponent("idle", ZERO, "held as ETH")), List.of(), Map.of()));
            default -> Optional.empty();
        };
    }

    // ---- lending supply ----

    private Optional<VenueQuote> lending(Venue venue, MarketState state, Context ctx) {
        if (MorphoVenue.isMorpho(venue)) {
            return morpho(venue, state);
        }
        String pool = address(venue, "pool", ctx);
        MarketState.AaveReserve r = state.reserves().get(MarketState.reserveKey(pool, venue.asset()));
        if (r == null) {
            return Optional.empty();
        }
        BigDecimal apr = LendingRateMath.aaveApr(r.liquidityRateRay());
        BigDecimal gross = YieldMath.perSecondApy(apr);
        BigDecimal fee = fee(venue, gross);
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("supply", gross, "aave currentLiquidityRate (APR " + apr.stripTrailingZeros().toPlainString() + ")"));
        addFee(components, fee);
        List<String> flags = new ArrayList<>();
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("utilisation", plain(r.usage()));
        risk.put("availableLiquidityEth", plain(r.availableEth()));
        risk.put("tvlEth", plain(r.availableEth().add(r.totalDebtEth())));
        BigDecimal net = YieldMath.scale(gross.subtract(fee));
        Optional<AaveRateModel> model = venue.param("rateModel").map(AaveRateModel::parse);
        if (model.isEmpty()) {
            flags.add(QuoteFlag.SIZE_IMPACT.with("no rateModel in the catalogue; the size curve ignores our own supply"));
        }
        List<SizePoint> curve = curve(size -> {
            if (model.isEmpty()) {
                return net;
            }
            BigDecimal now = model.get().supplyApr(r.usage(), r.reserveFactor());
            BigDecimal after = model.get().supplyAprAfterSupply(r.totalDebtEth(), r.availableEth(), size, r.reserveFactor());
            BigDecimal sized = YieldMath.perSecondApy(apr.add(after.subtract(now)));
            return YieldMath.scale(sized.subtract(fee(venue, sized)));
        });
        points(venue, components, risk);
        return Optional.of(new VenueQuote(net, "spot", components, List.of(), curve, flags, risk));
    }

    /**
     * A Morpho Blue market ({@link MorphoSupplyModel}): the market accrued to the block, the supply APY at its borrow rate,
     * and a size curve of the APY just after supplying each size. Read by market id ({@code marketId}).
     */
    private Optional<VenueQuote> morpho(Venue venue, MarketState state) {
        String id = venue.param("marketId").orElseThrow(() -> new IllegalArgumentException("venue " + venue.id() + " needs param marketId"))
                .toLowerCase(Locale.ROOT);
        MarketState.MorphoMarket stored = state.morphoMarkets().get(id);
        if (stored == null) {
            return Optional.empty();
        }
        AccruedMarket m = AccruedMarket.at(stored.stored(), stored.rateAtTarget(), state.blockTimestamp());
        io.lrtyield.common.lending.morpho.MarketState s = m.state();
        BigDecimal apr = MorphoSupplyModel.supplyApr(m.borrowRate(), s);
        BigDecimal gross = YieldMath.perSecondApy(apr);
        BigDecimal fee = fee(venue, gross);
        BigDecimal borrowApr = MorphoSupplyModel.borrowApr(m.borrowRate());
        BigDecimal utilisation = MorphoSupplyModel.utilisation(s);
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("supply", gross, "morpho market(id) accrued to the block: borrow rate " + m.borrowRate()
                + "/s (APR " + plain(borrowApr) + ") × utilisation " + plain(utilisation) + " × (1 − fee " + plain(YieldMath.fromWad(s.fee()))
                + "), compounded per second"));
        addFee(components, fee);
        Map<String, String> risk = new LinkedHashMap<>();
        BigDecimal supplied = YieldMath.fromWad(s.totalSupplyAssets());
        BigDecimal borrowed = YieldMath.fromWad(s.totalBorrowAssets());
        risk.put("utilisation", plain(utilisation));
        risk.put("availableLiquidityEth", plain(supplied.subtract(borrowed).max(BigDecimal.ZERO)));
        risk.put("tvlEth", plain(supplied));
        risk.put("borrowApr", plain(borrowApr));
        risk.put("rateAtTargetApr", plain(MorphoSupplyModel.borrowApr(m.rateAtTarget())));
        risk.put("marketFee", plain(YieldMath.fromWad(s.fee())));
        risk.put("marketId", id);
        venue.param("lltv").ifPresent(l -> risk.put("lltv", l));
        BigDecimal net = YieldMath.scale(gross.subtract(fee));
        List<SizePoint> curve = curve(size -> {
            BigDecimal sized = MorphoSupplyModel.supplyApyAfter(m, YieldMath.wei(size));
            return YieldMath.scale(sized.subtract(fee(venue, sized)));
        });
        points(venue, components, risk);
        return Optional.of(new VenueQuote(net, "spot", components, List.of(), curve, new ArrayList<>(), risk));
    }

    // ---- leveraged loop ----

    private Optional<VenueQuote> loop(Venue venue, MarketState state, Context ctx) {
        String pool = address(venue, "pool", ctx);
        String borrowAsset = venue.param("borrowAsset").orElse("WETH");
        MarketState.AaveReserve coll = state.reserves().get(MarketState.reserveKey(pool, venue.asset()));
        MarketState.AaveReserve debt = state.reserves().get(MarketState.reserveKey(pool, borrowAsset));
        if (coll == null || debt == null) {
            return Optional.empty();
        }
        BigDecimal ltv = required(venue, "targetLtv");
        BigDecimal lt = required(venue, "liquidationThreshold");
        List<String> flags = new ArrayList<>();
        String stakingAsset = venue.param("stakingAsset").orElse(venue.asset());
        BigDecimal staking = ctx.stakingApy().get(stakingAsset);
        if (staking == null) {
            flags.add(QuoteFlag.NO_STAKING_YIELD.with("no staking quote for " + stakingAsset + " yet; counted as 0"));
            staking = ZERO;
        }
        BigDecimal collApr = LendingRateMath.aaveApr(coll.liquidityRateRay());
        BigDecimal borrowApr = LendingRateMath.aaveApr(debt.variableBorrowRateRay());
        LoopModel.Result r = LoopModel.evaluate(new LoopModel.Inputs(staking, YieldMath.perSecondApy(collApr),
                YieldMath.perSecondApy(borrowApr), ltv, lt));
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("staking × leverage", YieldMath.scale(staking.multiply(r.leverage(), MC)),
                stakingAsset + " staking APY × " + r.leverage().stripTrailingZeros().toPlainString()));
        components.add(new YieldComponent("collateral supply × leverage",
                YieldMath.scale(r.collateralApy().subtract(staking.multiply(r.leverage(), MC))), "aave " + venue.asset() + " currentLiquidityRate"));
        components.add(new YieldComponent("borrow cost", r.borrowCost().negate(), "aave " + borrowAsset + " currentVariableBorrowRate × (L − 1)"));
        BigDecimal fee = fee(venue, r.netApy());
        addFee(components, fee);
        BigDecimal net = YieldMath.scale(r.netApy().subtract(fee));
        if (net.signum() < 0) {
            flags.add(QuoteFlag.NEGATIVE_CARRY.with("net APY " + net.stripTrailingZeros().toPlainString() + " at leverage "
                    + r.leverage().stripTrailingZeros().toPlainString() + " (borrowing " + borrowAsset + " costs more than the collateral earns)"));
        }
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("leverage", plain(r.leverage()));
        risk.put("targetLtv", plain(ltv));
        risk.put("liquidationThreshold", plain(lt));
        risk.put("healthFactor", r.healthFactor() == null ? "inf" : plain(r.healthFactor()));
        risk.put("liquidationDepeg", plain(r.liquidationDepeg()));
        risk.put("borrowAvailableEth", plain(debt.availableEth()));
        Optional<AaveRateModel> borrowModel = venue.param("borrowRateModel").map(AaveRateModel::parse);
        Optional<AaveRateModel> collModel = venue.param("collateralRateModel").map(AaveRateModel::parse);
        if (borrowModel.isEmpty()) {
            flags.add(QuoteFlag.SIZE_IMPACT.with("no borrowRateModel in the catalogue; the size curve ignores our own borrowing"));
        }
        final BigDecimal stakingApy = staking;
        StablePool exit = venue.param("exitPool").map(p -> state.pools().get(address(venue, "exitPool", ctx))).orElse(null);
        int exitCoin = Integer.parseInt(venue.param("exitCoin").orElse("1"));
        if (venue.param("exitPool").isPresent() && exit == null) {
            flags.add(QuoteFlag.SIZE_IMPACT.with("exit pool state unavailable; the size curve ignores the unwind's slippage"));
        }
        List<SizePoint> curve = new ArrayList<>();
        for (BigDecimal size : sizesEth) {
            BigDecimal borrowed = size.multiply(r.leverage().subtract(BigDecimal.ONE), MC);
            if (borrowed.compareTo(debt.availableEth()) > 0) {
                flags.add("size " + size.stripTrailingZeros().toPlainString() + " ETH: borrowing " + borrowed.setScale(2, java.math.RoundingMode.HALF_EVEN)
                        + " " + borrowAsset + " exceeds the " + debt.availableEth().setScale(2, java.math.RoundingMode.HALF_EVEN) + " available");
                continue;
            }
            BigDecimal bApr = borrowApr;
            if (borrowModel.isPresent()) {
                AaveRateModel m = borrowModel.get();
                bApr = borrowApr.add(m.borrowAprAfterBorrow(debt.totalDebtEth(), debt.availableEth(), borrowed).subtract(m.borrowApr(debt.usage())));
            }
            BigDecimal cApr = collApr;
            if (collModel.isPresent()) {
                AaveRateModel m = collModel.get();
                BigDecimal supplied = size.multiply(r.leverage(), MC);
                cApr = collApr.add(m.supplyAprAfterSupply(coll.totalDebtEth(), coll.availableEth(), supplied, coll.reserveFactor())
                        .subtract(m.supplyApr(coll.usage(), coll.reserveFactor())));
            }
            LoopModel.Result sized = LoopModel.evaluate(new LoopModel.Inputs(stakingApy, YieldMath.perSecondApy(cApr),
                    YieldMath.perSecondApy(bApr), ltv, lt));
            BigDecimal sizedNet = sized.netApy().subtract(fee(venue, sized.netApy()));
            ExitRoute route = null;
            if (exit != null) {
                // unwinding sells the whole collateral (L × S) for the borrowed asset: a cost per unit of equity of L × cost
                BigDecimal cost = exit.sellCost(exitCoin, YieldMath.wei(size.multiply(r.leverage(), MC)), BigDecimal.ONE);
                route = ExitRouteChooser.route(new ExitRouteChooser.Option(ExitRoute.Kind.INSTANT_DEX, cost.multiply(r.leverage(), MC),
                        BigDecimal.ZERO), horizonDays);
                sizedNet = sizedNet.subtract(route.apyCost());
            }
            curve.add(new SizePoint(size, YieldMath.scale(sizedNet), route));
        }
        points(venue, components, risk);
        return Optional.of(new VenueQuote(net, "spot", components, List.of(), curve, flags, risk));
    }

    // ---- fixed-yield PT ----

    private Optional<VenueQuote> pendle(Venue venue, MarketState state, Context ctx) {
        MarketState.PendleMarketState m = state.pendleMarkets().get(address(venue, "market", ctx));
        if (m == null) {
            return Optional.empty();
        }
        long toExpiry = m.expiry() - state.blockTimestamp();
        List<String> flags = new ArrayList<>();
        Map<String, String> risk = new LinkedHashMap<>();
        BigDecimal implied = toExpiry > 0 ? PendleMath.impliedApy(m.lastLnImpliedRateWad()) : ZERO;
        if (toExpiry <= 0) {
            flags.add("expired: the PT redeems 1:1; no fixed yield left");
        }
        BigDecimal ptPrice = PendleMath.ptPrice(m.lastLnImpliedRateWad(), toExpiry);
        risk.put("ptPrice", plain(ptPrice));
        risk.put("secondsToExpiry", Long.toString(Math.max(0, toExpiry)));
        risk.put("expiry", Long.toString(m.expiry()));
        // PT and SY reserves, both worth about one asset unit each (the PT at a discount): a liquidity figure, not a price
        risk.put("tvlEth", plain(YieldMath.fromWad(m.totalPt().add(m.totalSy()))));
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("fixed (implied)", implied, "pendle lastLnImpliedRate, held to expiry and redeemed 1:1; "
                + "the size curve buys on the market's AMM (fee and price impact)"));
        BigDecimal fee = fee(venue, implied);
        addFee(components, fee);
        BigDecimal net = YieldMath.scale(implied.subtract(fee));
        List<SizePoint> curve = new ArrayList<>();
        if (toExpiry > 0) {
            risk.put("scalarRoot", plain(YieldMath.fromWad(m.scalarRoot())));
            risk.put("lnFeeRateRoot", plain(YieldMath.fromWad(m.lnFeeRateRoot())));
            risk.put("reserveFeePercent", m.reserveFeePercent().toString());
            // buy PT with S of the asset on the market's AMM, hold to expiry, redeem 1:1 (no exit trade)
            for (BigDecimal size : sizesEth) {
                Optional<PtEntry.Result> entry = PtEntry.buy(m, state.blockTimestamp(), size);
                if (entry.isEmpty()) {
                    flags.add("size " + size.stripTrailingZeros().toPlainString() + " ETH: more than the PT market can fill "
                            + "(its PT, or its exchange rate's floor of 1, runs out)");
                    continue;
                }
                BigDecimal apy = entry.get().apy();
                // held to maturity the PT needs no exit trade (nothing off its APY); sold before it, Pendle's AMM, which
                // is symmetric in the implied rate, costs about what buying moved it: the exit a rebalance would pay
                BigDecimal saleCost = entry.get().effectivePtPrice().divide(ptPrice, MC).subtract(BigDecimal.ONE).max(BigDecimal.ZERO);
                curve.add(new SizePoint(size, YieldMath.scale(apy.subtract(fee(venue, apy))),
                        new ExitRoute(ExitRoute.Kind.INSTANT_DEX, YieldMath.scale(saleCost), BigDecimal.ZERO, BigDecimal.ZERO)));
            }
        } else {
            curve = curve(size -> net);
        }
        points(venue, components, risk);
        return Optional.of(new VenueQuote(net, "spot", components, List.of(), curve, flags, risk));
    }

    // ---- LP ----

    private Optional<VenueQuote> lp(Venue venue, MarketState state, Context ctx) {
        StablePool pool = state.pools().get(address(venue, "pool", ctx));
        if (pool == null) {
            return Optional.empty();
        }
        List<String> flags = new ArrayList<>();
        StakingYieldModel.Result growth = ctx.lpGrowth().get(venue.id());
        BigDecimal base;
        String basis;
        List<WindowYield> windows;
        if (growth == null) {
            flags.add(QuoteFlag.SHORT_HISTORY.with("no virtual-price growth observed yet; base counted as 0"));
            base = ZERO;
            basis = "none";
            windows = List.of();
        } else {
            base = growth.netApy();
            basis = growth.basis();
            windows = growth.windows();
            flags.addAll(growth.flags());
        }
        int ethCoin = Integer.parseInt(venue.param("ethCoin").orElse("0"));
        int other = 1 - ethCoin;
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("virtual-price growth", base, "curve get_virtual_price, " + basis + " (swap fees and the rebasing coin's yield)"));
        BigDecimal fee = fee(venue, base);
        addFee(components, fee);
        BigDecimal net = YieldMath.scale(base.subtract(fee));
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("poolDepthEth", plain(pool.depthEth()));
        risk.put("tvlEth", plain(pool.depthEth()));
        risk.put("otherCoinWeight", plain(pool.weight(other)));
        risk.put("horizonDays", plain(horizonDays));
        // enter balanced: swap the other coin's share of S in, add liquidity without imbalance; exit the mirror way
        List<SizePoint> curve = curve(size -> {
            BigDecimal w = pool.weight(other);
            java.math.BigInteger swapped = YieldMath.wei(size.multiply(w, MC));
            BigDecimal entry = w.multiply(pool.sellCost(ethCoin, swapped, BigDecimal.ONE), MC);
            BigDecimal exit = w.multiply(pool.sellCost(other, swapped, BigDecimal.ONE), MC);
            return YieldMath.scale(net.subtract(YieldMath.amortised(entry.add(exit), horizonDays)));
        });
        points(venue, components, risk);
        return Optional.of(new VenueQuote(net, basis, components, windows, curve, flags, risk));
    }

    // ---- EigenLayer strategy ----

    private Optional<VenueQuote> eigen(Venue venue, Context ctx) {
        String stakingAsset = venue.param("stakingAsset").orElse(venue.asset());
        List<String> flags = new ArrayList<>();
        BigDecimal staking = ctx.stakingApy().get(stakingAsset);
        if (staking == null) {
            flags.add(QuoteFlag.NO_STAKING_YIELD.with("no staking quote for " + stakingAsset + " yet; counted as 0"));
            staking = ZERO;
        }
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("staking", staking, stakingAsset + " staking APY (the deposited token keeps accruing)"));
        BigDecimal fee = fee(venue, staking);
        addFee(components, fee);
        Map<String, String> risk = new LinkedHashMap<>();
        risk.put("withdrawalDelaySeconds", Long.toString(venue.withdrawalDelaySeconds()));
        points(venue, components, risk);
        return Optional.of(flat(YieldMath.scale(staking.subtract(fee)), "spot", components, flags, risk));
    }

    // ---- shared ----

    /** Points as a separate band (components and risk inputs), when the catalogue configures them; never in net APY. */
    public static Optional<PointsBand> points(Venue venue, List<YieldComponent> components, Map<String, String> risk) {
        Optional<String> perDay = venue.param("pointsPerEthPerDay");
        if (perDay.isEmpty()) {
            return Optional.empty();
        }
        PointsBand band = PointsBand.of(new BigDecimal(perDay.get()), venue.decimalParam("pointPriceEthLow", BigDecimal.ZERO),
                venue.decimalParam("pointPriceEthHigh", BigDecimal.ZERO));
        String source = "catalogue: " + perDay.get() + " points/ETH/day; not in net APY";
        components.add(new YieldComponent("points-low", band.low(), source));
        components.add(new YieldComponent("points-high", band.high(), source));
        risk.put("pointsApyLow", plain(band.low()));
        risk.put("pointsApyHigh", plain(band.high()));
        return Optional.of(band);
    }

    private VenueQuote flat(BigDecimal net, String basis, List<YieldComponent> components, List<String> flags, Map<String, String> risk) {
        return new VenueQuote(net, basis, components, List.of(), curve(size -> net), flags, risk);
    }

    private List<SizePoint> curve(Function<BigDecimal, BigDecimal> netAt) {
        List<SizePoint> points = new ArrayList<>(sizesEth.size());
        for (BigDecimal size : sizesEth) {
            points.add(new SizePoint(size, netAt.apply(size)));
        }
        return points;
    }

    /** The protocol's share of a positive yield, never a rebate on a loss. */
    private static BigDecimal fee(Venue venue, BigDecimal gross) {
        if (venue.protocolFee() == 0 || gross.signum() <= 0) {
            return ZERO;
        }
        return YieldMath.scale(gross.multiply(BigDecimal.valueOf(venue.protocolFee()), MC));
    }

    private static void addFee(List<YieldComponent> components, BigDecimal fee) {
        if (fee.signum() != 0) {
            components.add(new YieldComponent("protocol-fee", fee.negate(), "catalogue"));
        }
    }

    private static BigDecimal required(Venue venue, String name) {
        BigDecimal value = venue.decimalParam(name, null);
        if (value == null) {
            throw new IllegalArgumentException("venue " + venue.id() + " needs param " + name);
        }
        return value;
    }

    /** A venue's contract param as a lower-case address: an address as is, else a name from the catalogue's contracts. */
    public static String address(Venue venue, String param, Context ctx) {
        return address(venue, param, ctx.contracts());
    }

    public static String address(Venue venue, String param, Map<String, String> contracts) {
        String value = venue.param(param).orElseThrow(() -> new IllegalArgumentException("venue " + venue.id() + " needs param " + param));
        String resolved = value.startsWith("0x") ? value : contracts.get(value);
        if (resolved == null) {
            throw new IllegalArgumentException("venue " + venue.id() + " names contract " + value + ", which the catalogue does not list");
        }
        return resolved.toLowerCase(Locale.ROOT);
    }

    private static String plain(BigDecimal value) {
        return value.round(new MathContext(18)).stripTrailingZeros().toPlainString();
    }
}

package io.lrtyield.price.snapshot;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.chain.reader.ChainlinkReader;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.chain.reader.UniswapV3Reader;
import io.lrtyield.common.rate.AprMath;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every source the price service reads on chain, at one block, in one Multicall3 {@code aggregate3}: each asset's
 * fundamental rate, its market sources (Chainlink feeds, Curve quotes at the reference and depth-probe sizes, Curve
 * EMA oracles, Uniswap v3 spot), the ETH/USD feeds and the restaking tokens' exposure graph ({@link io.lrtyield.common.restaking.ExposureReads}). A reverted or malformed sub-call makes that one reading
 * unavailable; it never fails the snapshot. The call plan of the prices is built once, from the catalogue; the exposure
 * graph's reads are planned per block from what the previous block discovered (operators, operator sets), appended to
 * the same Multicall3; decoding walks both in the same order.
 */
public final class PriceSnapshot {

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
    private static final BigDecimal CURVE_FEE_DENOMINATOR = BigDecimal.TEN.pow(10);
    private static final MathContext MC = MathContext.DECIMAL128;

    private final Multicall3 multicall;
    private final List<Asset> rated;
    private final List<Asset> marketPriced;
    private final List<PriceSource> ethUsd;
    private final io.lrtyield.common.restaking.ExposureReads exposure;
    /** The distinct sub-calls sent (the same view of the same contract is read once, e.g. stETH's feed for stETH and wstETH). */
    private final List<Multicall3.Call> calls = new ArrayList<>();
    private final Map<Multicall3.Call, Integer> callIndex = new java.util.HashMap<>();
    /** Each logical read, in decoding order → its sub-call's index in {@link #calls}. */
    private final List<Integer> plan = new ArrayList<>();

    public PriceSnapshot(Multicall3 multicall, Catalogue catalogue) {
        this.multicall = multicall;
        this.rated = catalogue.assets().stream().filter(Asset::priced).toList();
        this.marketPriced = catalogue.assets().stream().filter(Asset::marketPriced).toList();
        this.ethUsd = catalogue.ethUsd();
        for (Asset asset : rated) {
            if (asset.fundamentalRate() != null) {
                plan(rateCalls(asset.fundamentalRate()));
            }
        }
        for (Asset asset : marketPriced) {
            asset.market().sources().forEach(s -> plan(sourceCalls(s)));
        }
        ethUsd.forEach(s -> plan(sourceCalls(s)));
        this.exposure = new io.lrtyield.common.restaking.ExposureReads(catalogue.restaking());
    }

    private void plan(List<Multicall3.Call> reads) {
        for (Multicall3.Call call : reads) {
            Multicall3.Call key = new Multicall3.Call(call.target().toLowerCase(java.util.Locale.ROOT), call.callData());
            plan.add(callIndex.computeIfAbsent(key, k -> {
                calls.add(call);
                return calls.size() - 1;
            }));
        }
    }

    /** Sub-calls per snapshot as planned now (all in one {@code eth_call} unless the chunk size splits them). */
    public int callCount() {
        return calls.size() + exposure.plan().calls().size();
    }

    public Uni<SnapshotReadings> read(long blockNumber) {
        io.lrtyield.common.restaking.ExposureReads.Plan exposurePlan = exposure.plan();
        List<Multicall3.Call> blockCalls = new ArrayList<>(calls);
        List<Integer> blockPlan = new ArrayList<>(plan);
        Map<Multicall3.Call, Integer> index = new java.util.HashMap<>(callIndex);
        for (Multicall3.Call call : exposurePlan.calls()) {
            Multicall3.Call key = new Multicall3.Call(call.target().toLowerCase(java.util.Locale.ROOT), call.callData());
            blockPlan.add(index.computeIfAbsent(key, k -> {
                blockCalls.add(call);
                return blockCalls.size() - 1;
            }));
        }
        return multicall.aggregate3(blockCalls, blockNumber).map(results -> decode(results, blockPlan, exposurePlan, blockNumber));
    }

    /** Decodes the price reads alone (a catalogue without a restaking graph plans no exposure reads). */
    SnapshotReadings decode(List<Multicall3.Result> results) {
        var exposurePlan = exposure.plan();
        if (!exposurePlan.calls().isEmpty()) {
            throw new IllegalStateException("this catalogue's snapshot has exposure reads: use read(block)");
        }
        return decode(results, plan, exposurePlan, -1);
    }

    SnapshotReadings decode(List<Multicall3.Result> results, List<Integer> blockPlan, io.lrtyield.common.restaking.ExposureReads.Plan exposurePlan,
                            long blockNumber) {
        Cursor cursor = new Cursor(results, blockPlan);
        List<RateReading> rates = new ArrayList<>(rated.size());
        for (Asset asset : rated) {
            rates.add(asset.fundamentalRate() == null
                    ? new RateReading(asset.symbol(), asset.symbol() + ".par", BigDecimal.ONE.setScale(18), null)
                    : decodeRate(asset, cursor));
        }
        List<MarketReading> market = new ArrayList<>();
        for (Asset asset : marketPriced) {
            asset.market().sources().forEach(s -> market.add(decodeSource(asset.symbol(), s, cursor)));
        }
        List<MarketReading> usd = new ArrayList<>(ethUsd.size());
        ethUsd.forEach(s -> usd.add(decodeSource("ETH", s, cursor)));
        var restaking = exposurePlan.decode(cursor::next, blockNumber);
        return new SnapshotReadings(rates, market, usd, restaking.exposures(), restaking.positions(), restaking.paused());
    }

    private static RateReading decodeRate(Asset asset, Cursor cursor) {
        RateSource source = asset.fundamentalRate();
        String sourceId = asset.symbol() + "." + source.function();
        String contract = source.contract();
        if (source.method().equals(RateSource.TVL_PER_SUPPLY)) {
            var rate = RenzoReader.decodeEzEthRate(cursor.next(), cursor.next());
            return rate.available()
                    ? new RateReading(asset.symbol(), sourceId, rate.value().rate().toBigDecimal(), null, contract)
                    : new RateReading(asset.symbol(), sourceId, null, rate.error(), contract);
        }
        Multicall3.Result result = cursor.next();
        if (!result.success()) {
            return new RateReading(asset.symbol(), sourceId, null, "call reverted", contract);
        }
        try {
            return new RateReading(asset.symbol(), sourceId, AprMath.fromFixedPoint(UintViewCall.decode(result.returnData()), source.decimals()),
                    null, contract);
        } catch (IllegalArgumentException e) {
            return new RateReading(asset.symbol(), sourceId, null, e.getMessage(), contract);
        }
    }

    private static MarketReading decodeSource(String asset, PriceSource s, Cursor cursor) {
        return switch (s.kind()) {
            case PriceSource.CHAINLINK -> {
                var round = ChainlinkReader.decodeLatestRoundData(cursor.next());
                if (!round.available()) {
                    yield MarketReading.unavailable(asset, s, round.error());
                }
                if (round.value().answer().signum() <= 0) {
                    yield MarketReading.unavailable(asset, s, "non-positive answer " + round.value().answer());
                }
                yield new MarketReading(asset, s, round.value().scaledAnswer(s.decimals()), round.value().updatedAt().getEpochSecond(),
                        Map.of(), null);
            }
            case PriceSource.CURVE -> decodeCurve(asset, s, cursor);
            case PriceSource.CURVE_EMA -> {
                var p = CurveReader.decodePriceOracle(cursor.next());
                if (!p.available() || p.value().raw().signum() <= 0) {
                    yield MarketReading.unavailable(asset, s, p.available() ? "zero EMA price" : p.error());
                }
                BigDecimal coin1InCoin0 = p.value().toBigDecimal();
                yield new MarketReading(asset, s, s.coinIndex() == 1 ? coin1InCoin0 : BigDecimal.ONE.divide(coin1InCoin0, MC), 0, Map.of(), null);
            }
            case PriceSource.UNISWAP_V3 -> {
                var slot0 = UniswapV3Reader.decodeSlot0(cursor.next());
                if (!slot0.available() || slot0.value().sqrtPriceX96().signum() == 0) {
                    yield MarketReading.unavailable(asset, s, slot0.available() ? "pool not initialised" : slot0.error());
                }
                BigDecimal token1PerToken0 = slot0.value().price().round(MC);
                yield new MarketReading(asset, s, s.coinIndex() == 0 ? token1PerToken0 : BigDecimal.ONE.divide(token1PerToken0, MC), 0,
                        Map.of(), null);
            }
            default -> throw new IllegalStateException("unplanned source kind " + s.kind());
        };
    }

    /** Price at the reference size with the pool fee taken back out; slippage of each depth probe against it. */
    private static MarketReading decodeCurve(String asset, PriceSource s, Cursor cursor) {
        var reference = CurveReader.decodeGetDy(cursor.next());
        var fee = CurveReader.decodeFee(cursor.next());
        List<io.lrtyield.common.chain.reader.Read<BigInteger>> probes = new ArrayList<>();
        s.depthSizes().forEach(size -> probes.add(CurveReader.decodeGetDy(cursor.next())));
        if (!reference.available() || !fee.available()) {
            return MarketReading.unavailable(asset, s, reference.available() ? fee.error() : reference.error());
        }
        if (reference.value().signum() <= 0) {
            return MarketReading.unavailable(asset, s, "pool quotes nothing for the reference size");
        }
        BigDecimal averageAtReference = new BigDecimal(reference.value()).divide(new BigDecimal(s.referenceSize()), MC);
        BigDecimal feeFraction = new BigDecimal(fee.value()).divide(CURVE_FEE_DENOMINATOR, MC);
        BigDecimal price = averageAtReference.divide(BigDecimal.ONE.subtract(feeFraction), MC);
        Map<BigInteger, BigDecimal> depth = new LinkedHashMap<>();
        for (int k = 0; k < probes.size(); k++) {
            var probe = probes.get(k);
            BigInteger size = s.depthSizes().get(k);
            // a probe the pool cannot fill (revert) is as bad as it gets: 100 % slippage
            BigDecimal average = probe.available() ? new BigDecimal(probe.value()).divide(new BigDecimal(size), MC) : BigDecimal.ZERO;
            depth.put(size, BigDecimal.ONE.subtract(average.divide(averageAtReference, MC)).multiply(BPS).setScale(4, RoundingMode.HALF_EVEN));
        }
        return new MarketReading(asset, s, price, 0, depth, null);
    }

    private static List<Multicall3.Call> rateCalls(RateSource source) {
        if (source.method().equals(RateSource.TVL_PER_SUPPLY)) {
            return List.of(RenzoReader.calculateTvlsCall(source.contract()), RenzoReader.ezEthTotalSupplyCall(source.supplyToken()));
        }
        return List.of(new Multicall3.Call(source.contract(), new UintViewCall(source.function(), source.args()).encode()));
    }

    private static List<Multicall3.Call> sourceCalls(PriceSource s) {
        return switch (s.kind()) {
            case PriceSource.CHAINLINK -> List.of(ChainlinkReader.latestRoundDataCall(s.contract()));
            case PriceSource.CURVE -> {
                List<Multicall3.Call> c = new ArrayList<>();
                int i = s.coinIndex();
                c.add(CurveReader.getDyCall(s.contract(), i, 1 - i, s.referenceSize()));
                c.add(CurveReader.feeCall(s.contract()));
                s.depthSizes().forEach(size -> c.add(CurveReader.getDyCall(s.contract(), i, 1 - i, size)));
                yield c;
            }
            case PriceSource.CURVE_EMA -> List.of(CurveReader.priceOracleCall(s.contract()));
            case PriceSource.UNISWAP_V3 -> List.of(UniswapV3Reader.slot0Call(s.contract()));
            default -> throw new IllegalArgumentException("unknown source kind " + s.kind());
        };
    }

    /** Walks the logical reads in planning order, each to the result of its (possibly shared) sub-call. */
    private static final class Cursor {
        private final List<Multicall3.Result> results;
        private final List<Integer> plan;
        private int next;

        Cursor(List<Multicall3.Result> results, List<Integer> plan) {
            this.results = results;
            this.plan = plan;
        }

        Multicall3.Result next() {
            return results.get(plan.get(next++));
        }
    }
}

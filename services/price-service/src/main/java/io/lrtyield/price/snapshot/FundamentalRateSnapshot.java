package io.lrtyield.price.snapshot;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.rate.AprMath;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Every asset's fundamental rate at one block, in one Multicall3 {@code aggregate3}. A reverted or malformed
 * sub-call makes that asset's reading unavailable; it never fails the snapshot. Most rates are one uint view; Renzo's
 * is {@code calculateTVLs().totalTVL / ezETH.totalSupply()} — two reads of the same block.
 */
public final class FundamentalRateSnapshot {

    private final Multicall3 multicall;
    private final List<Asset> assets;
    private final List<Multicall3.Call> calls = new ArrayList<>();

    public FundamentalRateSnapshot(Multicall3 multicall, Catalogue catalogue) {
        this.multicall = multicall;
        this.assets = catalogue.assets().stream().filter(a -> a.fundamentalRate() != null).toList();
        for (Asset asset : assets) {
            calls.addAll(calls(asset.fundamentalRate()));
        }
    }

    public Uni<List<RateReading>> read(long blockNumber) {
        return multicall.aggregate3(calls, blockNumber).map(this::decode);
    }

    List<RateReading> decode(List<Multicall3.Result> results) {
        List<RateReading> readings = new ArrayList<>(assets.size());
        int next = 0;
        for (Asset asset : assets) {
            RateSource source = asset.fundamentalRate();
            String sourceId = asset.symbol() + "." + source.function();
            if (source.method().equals(RateSource.TVL_PER_SUPPLY)) {
                var rate = RenzoReader.decodeEzEthRate(results.get(next), results.get(next + 1));
                next += 2;
                readings.add(rate.available()
                        ? new RateReading(asset.symbol(), sourceId, rate.value().rate().toBigDecimal(), null)
                        : new RateReading(asset.symbol(), sourceId, null, rate.error()));
                continue;
            }
            Multicall3.Result result = results.get(next++);
            if (!result.success()) {
                readings.add(new RateReading(asset.symbol(), sourceId, null, "call reverted"));
                continue;
            }
            try {
                readings.add(new RateReading(asset.symbol(), sourceId,
                        AprMath.fromFixedPoint(UintViewCall.decode(result.returnData()), source.decimals()), null));
            } catch (IllegalArgumentException e) {
                readings.add(new RateReading(asset.symbol(), sourceId, null, e.getMessage()));
            }
        }
        return readings;
    }

    private static List<Multicall3.Call> calls(RateSource source) {
        if (source.method().equals(RateSource.TVL_PER_SUPPLY)) {
            return List.of(RenzoReader.calculateTvlsCall(source.contract()), RenzoReader.ezEthTotalSupplyCall(source.supplyToken()));
        }
        return List.of(new Multicall3.Call(source.contract(), new UintViewCall(source.function(), source.args()).encode()));
    }
}

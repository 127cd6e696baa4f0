package io.lrtyield.price.snapshot;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.rate.AprMath;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/**
 * Every asset's fundamental rate at one block, in one Multicall3 {@code aggregate3}. A reverted or malformed
 * sub-call makes that asset's reading unavailable; it never fails the snapshot.
 */
public final class FundamentalRateSnapshot {

    private final Multicall3 multicall;
    private final List<Asset> assets;
    private final List<Multicall3.Call> calls;

    public FundamentalRateSnapshot(Multicall3 multicall, Catalogue catalogue) {
        this.multicall = multicall;
        this.assets = catalogue.assets().stream().filter(a -> a.fundamentalRate() != null).toList();
        this.calls = assets.stream().map(a -> call(a.fundamentalRate())).toList();
    }

    public Uni<List<RateReading>> read(long blockNumber) {
        return multicall.aggregate3(calls, blockNumber).map(this::decode);
    }

    List<RateReading> decode(List<Multicall3.Result> results) {
        List<RateReading> readings = new ArrayList<>(assets.size());
        for (int i = 0; i < assets.size(); i++) {
            Asset asset = assets.get(i);
            RateSource source = asset.fundamentalRate();
            String sourceId = asset.symbol() + "." + source.function();
            Multicall3.Result result = results.get(i);
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

    private static Multicall3.Call call(RateSource source) {
        return new Multicall3.Call(source.contract(), new UintViewCall(source.function(), source.args()).encode());
    }
}

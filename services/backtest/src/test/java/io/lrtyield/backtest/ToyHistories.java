package io.lrtyield.backtest;

import io.lrtyield.backtest.history.Fixed;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.backtest.scenario.ScenarioGenerator;
import io.lrtyield.common.event.PriceStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/** Hand-made histories: every asset at rate 1 and par except what a test sets, round figures throughout. */
public final class ToyHistories {

    public static final long START_BLOCK = 1_000;
    public static final long START_TS = 1_700_000_000L;

    /** What one toy sample sets for wstETH and the market; everything else is at par, APR 3 %. */
    public record Toy(double wstEthRate, double wstEthMarket, double depth, double gasGwei, double borrowApr, PriceStatus status) {
    }

    private ToyHistories() {
    }

    public static MarketHistory of(int samples, int everyBlocks, String lendingOracle, IntFunction<Toy> toy) {
        List<String> assets = ScenarioGenerator.assets();
        HistoryHeader h = new HistoryHeader("toy", 0, START_BLOCK, START_TS, 12, everyBlocks, samples, lendingOracle,
                new BigDecimal("0.01"), BigDecimal.ONE, assets, "toy history");
        int w = assets.indexOf("wstETH");
        List<MarketSample> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Toy t = toy.apply(i);
            int n = assets.size();
            long[] rate = new long[n];
            long[] market = new long[n];
            long[] depth = new long[n];
            long[] apr = new long[n];
            PriceStatus[] st = new PriceStatus[n];
            Arrays.fill(rate, Fixed.ONE);
            Arrays.fill(market, Fixed.ONE);
            Arrays.fill(depth, Fixed.of(t.depth()));
            Arrays.fill(apr, Fixed.of(0.03));
            Arrays.fill(st, PriceStatus.OK);
            rate[w] = Fixed.of(t.wstEthRate());
            market[w] = Fixed.of(t.wstEthMarket());
            st[w] = t.status();
            long block = h.blockOf(i);
            out.add(new MarketSample(block, h.timestampOf(block), Fixed.of(t.gasGwei()), Fixed.of(t.borrowApr()), Fixed.of(t.borrowApr() * 0.5),
                    Fixed.of(50_000), rate, market, depth, apr, st));
        }
        return new MarketHistory(h, out);
    }
}

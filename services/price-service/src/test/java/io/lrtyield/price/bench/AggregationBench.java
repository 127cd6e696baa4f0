package io.lrtyield.price.bench;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.price.aggregate.PriceAggregator;
import io.lrtyield.price.aggregate.RateGrowthCap;
import io.lrtyield.price.snapshot.MarketReading;
import io.lrtyield.price.snapshot.RateReading;
import io.lrtyield.price.snapshot.SnapshotReadings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * In-process aggregation throughput: one block of {@value #ASSETS} assets, each with a fundamental rate and four market
 * sources (Chainlink, Curve spot with two depth probes, Curve EMA, Uniswap v3) through every check, the weighted
 * median, discount, USD and the alert state machines. Score = ticks per second.
 *
 * <pre>make bench</pre> (JMH forks: run it with {@code exec:exec} and {@code -cp %classpath}, not {@code exec:java})
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class AggregationBench {

    static final int ASSETS = 12;
    private static final long T0 = 1_700_000_000L;

    private PriceAggregator aggregator;
    private final List<SnapshotReadings> blocks = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        List<Asset> assets = new ArrayList<>();
        for (int a = 0; a < ASSETS; a++) {
            String symbol = "LRT" + a;
            assets.add(new Asset(symbol, "0x" + a, 18, "ETH", new RateSource("0x" + a, "getRate", List.of(), 18, 0.2),
                    MarketPricing.of(sources(symbol))));
        }
        aggregator = new PriceAggregator(new Catalogue("bench", 1, Map.of(), assets, List.of()), new RateGrowthCap(7 * 86_400));
        // 64 blocks of slowly accruing rates and noisy markets, replayed in a loop
        java.util.Random random = new java.util.Random(7);
        for (int b = 0; b < 64; b++) {
            List<RateReading> rates = new ArrayList<>();
            List<MarketReading> market = new ArrayList<>();
            for (Asset asset : assets) {
                BigDecimal rate = new BigDecimal("1.05").add(BigDecimal.valueOf(b, 9));
                rates.add(new RateReading(asset.symbol(), asset.symbol() + ".getRate", rate, null));
                for (PriceSource s : asset.market().sources()) {
                    BigDecimal noise = BigDecimal.valueOf(1 - random.nextInt(30) / 10_000.0);
                    BigDecimal value = s.scaleByFundamental() ? noise : rate.multiply(noise);
                    market.add(new MarketReading(asset.symbol(), s, value, T0 + b * 12L - 30,
                            s.kind().equals(PriceSource.CURVE) ? Map.of(BigInteger.TEN.pow(20), new BigDecimal("12.5")) : Map.of(), null));
                }
            }
            blocks.add(new SnapshotReadings(rates, market, List.of()));
        }
    }

    private static List<PriceSource> sources(String symbol) {
        BigInteger one = BigInteger.TEN.pow(18);
        return List.of(
                PriceSource.chainlink("chainlink-" + symbol, "0xf", 18, 86_400, 1.0, false),
                PriceSource.curve("curve-" + symbol, "0xc", 1, one, List.of(one.multiply(BigInteger.valueOf(100)),
                        one.multiply(BigInteger.valueOf(1000))), 1.0, true),
                PriceSource.curveEma("curve-ema-" + symbol, "0xc", 1, 0.5, true),
                new PriceSource("uniswap-" + symbol, PriceSource.UNISWAP_V3, "0xu", 1.0, 0L, 18, 0, null, List.of(), false));
    }

    @Benchmark
    @OperationsPerInvocation(ASSETS)
    public PriceAggregator.Result aggregateOneBlock() {
        int b = next++;
        SnapshotReadings readings = blocks.get(b & 63);
        return aggregator.aggregate(readings, new BigDecimal("3012.45"), List.of(),
                new Provenance(1, 1_000 + b, "0xb", T0 + (b & 63) * 12L));
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(AggregationBench.class.getSimpleName()).build()).run();
    }
}

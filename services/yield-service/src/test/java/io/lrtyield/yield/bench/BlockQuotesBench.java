package io.lrtyield.yield.bench;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.yield.model.MarketState;
import io.lrtyield.yield.model.StablePool;
import io.lrtyield.yield.model.StakingYieldModel;
import io.lrtyield.yield.model.VenueQuoter;
import io.lrtyield.yield.pipeline.MarketQuotePipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One block's quotes for {@value #PER_KIND} × 5 = 60 market venues (lending supply, leveraged loop, LP, fixed-yield PT,
 * EigenLayer), each with its 4-point size curve (StableSwap get_dy for LPs, the rate model for lending and loops),
 * components, points band and risk inputs, from a decoded {@link MarketState}: the CPU work per block after the
 * snapshot arrives. Mode: sample time, so the report gives the median (p0.50) and tail per block.
 *
 * <pre>java -cp target/test-classes:target/classes:$(deps) io.lrtyield.yield.bench.BlockQuotesBench</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class BlockQuotesBench {

    static final int PER_KIND = 12;
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    List<Venue> venues;
    MarketState state;
    VenueQuoter quoter;
    VenueQuoter.Context ctx;
    Provenance provenance;

    @Setup
    public void setUp() {
        Map<String, String> contracts = new HashMap<>();
        Map<String, MarketState.AaveReserve> reserves = new HashMap<>();
        Map<String, StablePool> pools = new HashMap<>();
        Map<String, MarketState.PendleMarketState> markets = new HashMap<>();
        Map<String, StakingYieldModel.Result> growth = new HashMap<>();
        venues = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            String aave = address(0x1000 + i);
            contracts.put("aave" + i, aave);
            reserves.put(MarketState.reserveKey(aave, "WETH"), new MarketState.AaveReserve(ray("0.0146"), ray("0.018"),
                    new BigDecimal("0.15"), new BigDecimal(12_000 + i), new BigDecimal("8000")));
            reserves.put(MarketState.reserveKey(aave, "wstETH"), new MarketState.AaveReserve(ray("0.0001"), ray("0.002"),
                    new BigDecimal("0.15"), new BigDecimal("100"), new BigDecimal("2900")));
            venues.add(new Venue("lend-" + i, "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0, Map.of("pool", "aave" + i, "rateModel", "0,0.027,0.8,0.9")));
            venues.add(new Venue("loop-" + i, "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0, Map.of("pool", "aave" + i, "targetLtv", "0.9",
                    "liquidationThreshold", "0.95", "borrowRateModel", "0,0.027,0.8,0.9", "collateralRateModel", "0,0.045,0.8,0.45")));
            String curve = address(0x2000 + i);
            contracts.put("curve" + i, curve);
            pools.put(curve, new StablePool(new BigInteger[] {eth(5_000 - 40L * i), eth(5_000 + 40L * i)}, BigInteger.valueOf(100),
                    BigInteger.valueOf(1_000_000), new BigInteger("1001000000000000000")));
            venues.add(new Venue("lp-" + i, "LP", "stETH", "curve", 2, 0, 0.0, Map.of("pool", "curve" + i)));
            growth.put("lp-" + i, new StakingYieldModel.Result(new BigDecimal("0.021"), "7d", List.of(), List.of(), List.of(), List.of()));
            String market = address(0x3000 + i);
            markets.put(market, new MarketState.PendleMarketState(new BigInteger("61000000000000000"), 1_700_000_000L + 90 * 86_400L,
                    eth(4_000), eth(4_000), eth(20), new BigInteger("999500333083533"), BigInteger.valueOf(80), BigInteger.TEN.pow(18)));
            venues.add(new Venue("pt-" + i, "FIXED_YIELD_PT", "weETH", "pendle", 3, 0, 0.0, Map.of("market", market)));
            venues.add(new Venue("eigen-" + i, "EIGENLAYER_STRATEGY", "stETH", "eigenlayer", 3, 1_209_600, 0.0, Map.of("stakingAsset", "wstETH",
                    "pointsPerEthPerDay", "24", "pointPriceEthLow", "0.0000005", "pointPriceEthHigh", "0.000002")));
        }
        state = new MarketState(1_700_000_000L, reserves, pools, markets, Map.of());
        quoter = new VenueQuoter(List.of(BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("10000")),
                new BigDecimal("90"));
        ctx = new VenueQuoter.Context(contracts, Map.of("wstETH", new BigDecimal("0.031")), growth);
        provenance = new Provenance(1, 20_000_000, "0xabc", 1_700_000_000L);
        if (quoteBlock().size() != venues.size()) {
            throw new IllegalStateException("not every venue was quoted");
        }
    }

    @Benchmark
    public List<YieldQuote> quoteBlock() {
        return MarketQuotePipeline.quoteAll(venues, state, quoter, provenance, ctx, BigDecimal.ONE);
    }

    static String address(int n) {
        return String.format("0x%040x", n);
    }

    static BigInteger ray(String fraction) {
        return new BigDecimal(fraction).multiply(BigDecimal.TEN.pow(27)).toBigInteger();
    }

    static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(BlockQuotesBench.class.getSimpleName()).build()).run();
    }
}

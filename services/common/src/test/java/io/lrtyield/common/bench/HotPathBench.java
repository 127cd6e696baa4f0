package io.lrtyield.common.bench;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.common.rate.AprMath;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * `make bench`: per-block hot paths of the pipeline, timed in-process. Prints the median and spread of several runs
 * (2-core machine: read ratios and medians, not single figures). Not a JMH harness: figures are indicative.
 */
public final class HotPathBench {

    private static final int RUNS = 7;
    private static volatile Object sink;

    public static void main(String[] args) {
        PriceTick tick = new PriceTick(1, "f73e484bf88c4d2a1234d4c27f3a5269", "wstETH", new BigDecimal("1.1871"), new BigDecimal("4012.55"),
                new BigDecimal("1.187654321098765432"), new BigDecimal("3.21"), PriceStatus.OK, new BigDecimal("0.998"),
                List.of(new SourceValue("wstETH.stEthPerToken", "FUNDAMENTAL", new BigDecimal("1.187654321098765432"), true, null)),
                List.of(), new Provenance(1, 21_000_000, "0x" + "ab".repeat(32), 1_735_000_000));
        byte[] json = EventCodec.toBytes(tick);
        List<Multicall3.Call> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(new Multicall3.Call("0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0", new UintViewCall("stEthPerToken", List.of()).encode()));
        }
        String results300 = encodedResults(300);
        RatePoint start = new RatePoint(1, 1_735_000_000, new BigDecimal("1.180000000000000000"));
        RatePoint end = new RatePoint(50_400, 1_735_604_800, new BigDecimal("1.180728767123287671"));

        System.out.println("hot path                                   median µs/op   min     max   (" + RUNS + " runs)");
        bench("PriceTick encode (EventCodec)", 20_000, () -> EventCodec.toBytes(tick));
        bench("PriceTick decode + checks (EventCodec)", 20_000, () -> EventCodec.decode(json, PriceTick.class, 1));
        bench("aggregate3 calldata, 300 calls", 200, () -> FunctionEncoder.encode(multicallFunction(calls)));
        bench("aggregate3 result decode, 300 results", 200, () -> Multicall3.decode(results300, 300));
        bench("7d APR + APY (AprMath, 18 dp)", 20_000, () -> AprMath.apy(AprMath.apr(start, end)));
    }

    private static org.web3j.abi.datatypes.Function multicallFunction(List<Multicall3.Call> calls) {
        return Multicall3.function(calls);
    }

    private static void bench(String name, int iterations, Supplier<Object> op) {
        for (int i = 0; i < iterations * 2; i++) {
            sink = op.get(); // warm-up
        }
        double[] micros = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink = op.get();
            }
            micros[r] = (System.nanoTime() - t0) / 1_000.0 / iterations;
        }
        Arrays.sort(micros);
        System.out.printf("%-42s %10.2f %8.2f %8.2f%n", name, micros[RUNS / 2], micros[0], micros[RUNS - 1]);
    }

    /** ABI encoding of (bool,bytes)[] with n successful uint256 answers, as Multicall3 returns it. */
    private static String encodedResults(int n) {
        List<Multicall3.Result3> results = new ArrayList<>();
        byte[] word = Numeric.toBytesPadded(new BigInteger("1187654321098765432"), 32);
        for (int i = 0; i < n; i++) {
            results.add(new Multicall3.Result3(new Bool(true), new DynamicBytes(word)));
        }
        return "0x" + FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Multicall3.Result3.class, results)));
    }
}

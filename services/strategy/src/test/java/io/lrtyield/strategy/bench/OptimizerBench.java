package io.lrtyield.strategy.bench;

import io.lrtyield.strategy.optimizer.AllocationOptimizer;
import io.lrtyield.strategy.optimizer.AllocationProblem;
import io.lrtyield.strategy.optimizer.AllocationResult;
import io.lrtyield.strategy.optimizer.OjAlgoReference;
import io.lrtyield.strategy.optimizer.RandomInstances;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * `make bench`, optimizer part (JMH): one solve of a 1,000-venue problem — venue and exit-liquidity caps, 30 protocol,
 * 8 underlying and 5 risk-tier group caps (overlapping), a liquidity reserve, linear + quadratic trade costs and size
 * decay — by our dual Newton solver and by ojAlgo's convex QP solver on the same seeded instances. Prints the median
 * (p50 of JMH's sample mode) per instance and the ratio ojAlgo/ours. Short runs: 2 shared cores, read the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OptimizerBench {

    static final int VENUES = 1_000;

    @Param({"1", "2", "3"})
    public long seed;

    private final AllocationOptimizer optimizer = new AllocationOptimizer();
    private AllocationProblem problem;

    @Setup
    public void setUp() {
        problem = RandomInstances.generate(seed, VENUES, 30, 8, 5, 0);
    }

    @Benchmark
    public AllocationResult ours() {
        return optimizer.solve(problem);
    }

    @Benchmark
    public OjAlgoReference.Reference ojAlgo() {
        return OjAlgoReference.solve(problem);
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(OptimizerBench.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> bySeed = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            double median = result.getPrimaryResult().getStatistics().getPercentile(50);
            double[] pair = bySeed.computeIfAbsent(result.getParams().getParam("seed"), s -> new double[2]);
            pair[benchmark.endsWith(".ours") ? 0 : 1] = median;
        }
        System.out.println();
        System.out.println("optimizer, " + VENUES + " venues     ours median ms   ojAlgo median ms   ojAlgo/ours");
        bySeed.forEach((seed, pair) -> System.out.printf("  instance seed %-13s %12.3f %18.1f %13.0f%n",
                seed, pair[0], pair[1], pair[1] / pair[0]));
        AllocationProblem check = RandomInstances.generate(1, VENUES, 30, 8, 5, 0);
        AllocationResult ours = new AllocationOptimizer().solve(check);
        OjAlgoReference.Reference reference = OjAlgoReference.solve(check);
        System.out.printf("  seed 1 objective: ours %.9f, ojAlgo %s (%s)%n", ours.objective(),
                reference.amounts() == null ? "failed" : String.format("%.9f",
                        OjAlgoReference.objective(check, reference.amounts())),
                reference.optimal() ? "optimal" : "stopped");
    }
}

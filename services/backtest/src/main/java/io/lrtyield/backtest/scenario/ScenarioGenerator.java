package io.lrtyield.backtest.scenario;

import io.lrtyield.backtest.history.Fixed;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.common.event.PriceStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a {@link Scenario}'s history: 12-s blocks, one sample every {@link #SAMPLE_EVERY_BLOCKS} blocks (5 minutes).
 * Calm dynamics are mean-reverting (Ornstein-Uhlenbeck) walks of each staking APR, each discount, WETH usage and the
 * log gas price; a scenario's shock is laid on top as a deterministic shape in time. Same scenario and seed, same
 * history, bit for bit. The assets and their starting figures follow the devnet catalogue's tokens.
 */
public final class ScenarioGenerator {

    public static final int BLOCK_SECONDS = 12;
    public static final int SAMPLE_EVERY_BLOCKS = 25;
    /** Mainnet-like start (a block number and its time; the figures only need to be plausible). */
    public static final long START_BLOCK = 20_000_000L;
    public static final long START_TIMESTAMP = 1_717_200_000L;
    private static final double YEAR = 365.0 * 86_400;
    private static final double DAY = 86_400;
    /** The lending market's WETH reserve and rate model (devnet MarketDeployer.WETH_RATES: 0, 2.7 %, 80 %, kink 90 %). */
    private static final double WETH_RESERVE = 200_000;
    /** The Curve stETH/ETH and eETH/ETH pools' fee, 0.01 %: the pools the plan builder's exits sell into. */
    static final BigDecimal DEX_FEE_BPS = BigDecimal.ONE;

    /** An asset's starting figures: rate, staking APR, effective DEX depth (ETH), typical discount (bps). */
    record AssetSeed(String symbol, double rate, double apr, double depth, double discountBps) {
    }

    /**
     * Depths are effective: the constant-product reserve with the same price impact as the real pool near balance
     * (a Curve stableswap pool of reserve R and amplification A ≈ A·R; a concentrated Uniswap v3 range likewise).
     */
    static final List<AssetSeed> ASSETS = List.of(
            new AssetSeed("stETH", 1.0, 0.030, 2_000_000, 4),
            new AssetSeed("wstETH", 1.17, 0.030, 2_000_000, 4),
            new AssetSeed("rETH", 1.10, 0.027, 200_000, 8),
            new AssetSeed("cbETH", 1.07, 0.026, 100_000, 10),
            new AssetSeed("eETH", 1.0, 0.032, 400_000, 8),
            new AssetSeed("weETH", 1.05, 0.032, 400_000, 8),
            new AssetSeed("ezETH", 1.02, 0.036, 100_000, 15),
            new AssetSeed("rsETH", 1.01, 0.035, 60_000, 15),
            new AssetSeed("pufETH", 1.03, 0.034, 50_000, 15),
            new AssetSeed("rswETH", 1.04, 0.033, 30_000, 20));

    private ScenarioGenerator() {
    }

    public static List<String> assets() {
        return ASSETS.stream().map(AssetSeed::symbol).toList();
    }

    public static MarketHistory generate(Scenario scenario, long seed) {
        return generate(scenario, seed, scenario.days());
    }

    /** @param days length of the history (a scenario's shock sits at day 10; shorter runs are for tests) */
    public static MarketHistory generate(Scenario scenario, long seed, double days) {
        int samples = (int) Math.round(days * DAY / BLOCK_SECONDS / SAMPLE_EVERY_BLOCKS);
        HistoryHeader header = new HistoryHeader(scenario.id(), seed, START_BLOCK, START_TIMESTAMP, BLOCK_SECONDS, SAMPLE_EVERY_BLOCKS,
                samples, scenario == Scenario.LST_DISCOUNT ? HistoryHeader.MARKET : HistoryHeader.FUNDAMENTAL, new BigDecimal("0.01"),
                DEX_FEE_BPS, assets(), scenario.description());
        SplittableRandom rnd = new SplittableRandom(seed ^ (scenario.ordinal() * 0x9E3779B97F4A7C15L));
        int n = ASSETS.size();
        double[] rate = new double[n];
        double[] aprNoise = new double[n];
        double[] discNoise = new double[n];
        for (int a = 0; a < n; a++) {
            rate[a] = ASSETS.get(a).rate();
        }
        double usage = 0.65;
        double logGas = Math.log(15);
        double dt = SAMPLE_EVERY_BLOCKS * BLOCK_SECONDS;
        double sqrtDtDays = Math.sqrt(dt / DAY);
        Shock shock = new Shock(scenario);
        List<MarketSample> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            double t = i * dt;
            double day = t / DAY;
            // calm dynamics
            usage += 0.5 * (0.65 - usage) * dt / DAY + 0.02 * sqrtDtDays * rnd.nextGaussian();
            usage = Math.max(0.3, Math.min(0.88, usage));
            logGas += 2.0 * (Math.log(15) - logGas) * dt / DAY + 0.35 * sqrtDtDays * rnd.nextGaussian();
            double gas = Math.max(1, Math.min(300, Math.exp(logGas)));
            double u = shock.usage(day, usage);
            double borrow = u <= 0.9 ? 0.027 * u / 0.9 : 0.027 + 0.8 * (u - 0.9) / 0.1;
            double supply = borrow * u * 0.85;
            double available = WETH_RESERVE * (1 - u);
            long[] r = new long[n];
            long[] m = new long[n];
            long[] d = new long[n];
            long[] apr = new long[n];
            PriceStatus[] st = new PriceStatus[n];
            for (int a = 0; a < n; a++) {
                AssetSeed s = ASSETS.get(a);
                aprNoise[a] += 0.3 * (0 - aprNoise[a]) * dt / DAY / 7 + 0.0006 * sqrtDtDays * rnd.nextGaussian();
                discNoise[a] += 3.0 * (0 - discNoise[a]) * dt / DAY + 3.0 * sqrtDtDays * rnd.nextGaussian();
                double assetApr = Math.max(0.005, s.apr() + clamp(aprNoise[a], 0.006));
                // rebasing tokens stay at 1: their yield shows in the wrapped token's rate
                if (s.rate() != 1.0) {
                    rate[a] *= 1 + assetApr * dt / YEAR;
                }
                double fundamental = rate[a] * shock.rateFactor(s.symbol(), day);
                double discount = (s.discountBps() + clamp(discNoise[a], 3 * s.discountBps())) / 10_000 + shock.discount(s.symbol(), day);
                r[a] = Fixed.of(fundamental);
                m[a] = Fixed.of(fundamental * (1 - discount));
                d[a] = Fixed.of(s.depth() * shock.depthFactor(s.symbol(), day));
                apr[a] = Fixed.of(assetApr);
                st[a] = shock.status(s.symbol(), day, discount);
            }
            long block = header.blockOf(i);
            out.add(new MarketSample(block, header.timestampOf(block), Fixed.of(gas), Fixed.of(borrow), Fixed.of(supply),
                    Fixed.of(available), r, m, d, apr, st));
        }
        return new MarketHistory(header, out);
    }

    private static double clamp(double x, double bound) {
        return Math.max(-bound, Math.min(bound, x));
    }
}

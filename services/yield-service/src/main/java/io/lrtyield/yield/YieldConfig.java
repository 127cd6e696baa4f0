package io.lrtyield.yield;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.List;

/** yield-service settings. */
@ConfigMapping(prefix = "yield")
public interface YieldConfig {

    /** A quote is published when its net APY moved by at least this many basis points … */
    @WithDefault("1")
    BigDecimal publishMinChangeBps();

    /** … or when this many blocks passed since the venue's last published quote. */
    @WithDefault("10")
    int publishEveryBlocks();

    /** How long rate observations are kept (must cover the longest window, 30 days). */
    @WithDefault("31")
    int historyDays();

    /** Beyond ±this APR a staking figure is absurd: clamped and flagged (decimal fraction). */
    @WithDefault("1.0")
    BigDecimal maxPlausibleApr();

    /** A 1d APR more than this many times the headline window's is flagged as a jump. */
    @WithDefault("3")
    BigDecimal jumpFactor();

    /** Position sizes, in ETH, of each quote's size curve. */
    @WithDefault("10,100,1000,10000")
    List<BigDecimal> sizeCurveEth();

    /** Holding horizon, in days, over which a position's entry and exit costs are amortised in the size curve. */
    @WithDefault("90")
    BigDecimal horizonDays();

    /**
     * Risk premium a withdrawal queue costs on top of the yield given up while waiting, APY units: a queue exit of d days
     * costs d/365 × (the venue's APY + this). Pays for a queue that stretches (Lido's took weeks in 2022-23) or a pause.
     */
    @WithDefault("0.02")
    BigDecimal queueRiskPremium();

    /** Whether market venues (lending, loops, PT, LP, EigenLayer) are quoted from a per-block snapshot. */
    @WithDefault("true")
    boolean marketQuotes();

    /**
     * How long the market venues' quotes of a head wait for that block's price ticks to be quoted (their loops and
     * EigenLayer deposits earn the staking venues' APYs: the block's own, not the previous block's) before they go on
     * with the latest there is (0: never waits). Past blocks quoted while catching up never wait.
     */
    @WithDefault("PT0.3S")
    java.time.Duration awaitBlockTicks();

    /**
     * After a stall the market venues are quoted at every missed block, in order; a block further behind the newest head
     * than this is not backfilled (logged, counted in {@code yield_gap_blocks_total}).
     */
    @WithDefault("256")
    long maxBackfillBlocks();

    /** Published quotes kept per venue for {@code /api/v1/yields/{venue}/history}. */
    @WithDefault("20000")
    long historyMaxQuotes();

    /** Most quotes one history request returns. */
    @WithDefault("1000")
    int historyMaxLimit();

    /** Expected slashing loss of restaking tokens: per-AVS probabilities and severities. */
    Slashing slashing();

    /**
     * The slashing parameters. No AVS has a long slashing record (EigenLayer slashing went live on mainnet in 2025), so
     * every figure is a curator's judgement, stated here and shown on each quote: the default treats an AVS slashing
     * an operator as a 1-in-50-years event (band 1-in-200 to 1-in-20) that takes a quarter of the stake allocated to it.
     * Per operator set ({@code <avs>/<id>}) override with {@code yield.slashing.avs."<set>"=probability,low,high,severity}.
     */
    interface Slashing {

        /** Annual probability that an AVS slashes one of its operators (point estimate). */
        @WithDefault("0.02")
        BigDecimal defaultProbability();

        /** Low end of the probability band. */
        @WithDefault("0.005")
        BigDecimal defaultProbabilityLow();

        /** High end of the probability band. */
        @WithDefault("0.05")
        BigDecimal defaultProbabilityHigh();

        /** Fraction of the magnitude allocated to the set that one slashing takes. */
        @WithDefault("0.25")
        BigDecimal defaultSeverity();

        /** Per operator set: {@code probability,low,high,severity}. */
        java.util.Map<String, String> avs();
    }
}

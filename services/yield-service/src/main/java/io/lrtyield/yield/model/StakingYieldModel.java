package io.lrtyield.yield.model;

import io.lrtyield.common.event.QuoteFlag;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.WindowYield;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.rate.AprMath;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Yield of a token whose fundamental rate accrues (staking and restaking tokens): APR from rate growth over
 * 1d / 7d / 30d windows of block timestamps, APY by the house convention ({@link AprMath}).
 *
 * <p>Window start: the newest observation at or before (end − window); when history is shorter than the window,
 * the oldest observation, and the window is marked incomplete. Headline: the 7d window when complete, else the
 * longest complete window, else the longest available (flagged {@code short-history}).
 *
 * <p>Size: entry mints at the protocol rate and exit goes through the protocol's withdrawal queue, so neither
 * depends on size; the size curve is flat until DEX exits are modelled.
 */
public final class StakingYieldModel {

    private final BigDecimal maxPlausibleApr;
    private final BigDecimal jumpFactor;

    /**
     * @param maxPlausibleApr beyond ±this APR the figure is absurd for a staking token: clamped and flagged
     * @param jumpFactor a 1d APR more than this many times the headline is flagged as a jump, not taken as fact
     */
    public StakingYieldModel(BigDecimal maxPlausibleApr, BigDecimal jumpFactor) {
        this.maxPlausibleApr = maxPlausibleApr;
        this.jumpFactor = jumpFactor;
    }

    /** Defaults: 100 % APR, 3×. */
    public StakingYieldModel() {
        this(BigDecimal.ONE, BigDecimal.valueOf(3));
    }

    public static final List<Window> WINDOWS = List.of(new Window("1d", 86_400), new Window("7d", 7 * 86_400),
            new Window("30d", 30 * 86_400));
    private static final String HEADLINE = "7d";

    public record Window(String name, long seconds) {
    }

    /** Everything a quote needs from the model. */
    public record Result(BigDecimal netApy, String basis, List<YieldComponent> components, List<WindowYield> windows,
                         List<SizePoint> sizeCurve, List<String> flags) {
    }

    /** @param history observations, oldest first, at least two with distinct timestamps */
    public Result evaluate(Venue venue, List<RatePoint> history, List<BigDecimal> sizesEth) {
        if (history.size() < 2) {
            throw new IllegalArgumentException("need two rate observations, got " + history.size());
        }
        RatePoint end = history.get(history.size() - 1);
        List<WindowYield> windows = new ArrayList<>();
        for (Window w : WINDOWS) {
            RatePoint start = startOf(history, end.blockTimestamp() - w.seconds());
            if (start.blockTimestamp() >= end.blockTimestamp()) {
                continue;
            }
            boolean complete = end.blockTimestamp() - start.blockTimestamp() >= w.seconds();
            BigDecimal apr = AprMath.apr(start, end);
            windows.add(new WindowYield(w.name(), apr, AprMath.apy(apr), start, end, complete));
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("rate observations span no time");
        }
        List<String> flags = new ArrayList<>();
        WindowYield basis = pickBasis(windows, flags);
        BigDecimal gross = basis.apy();
        if (basis.apr().abs().compareTo(maxPlausibleApr) > 0) {
            BigDecimal bound = basis.apr().signum() > 0 ? maxPlausibleApr : maxPlausibleApr.negate();
            flags.add(QuoteFlag.CLAMPED.with(basis.window() + " APR " + basis.apr().toPlainString() + " outside ±" + maxPlausibleApr.toPlainString()));
            gross = AprMath.apy(bound);
        }
        WindowYield shortest = windows.get(0);
        if (shortest != basis && basis.apr().signum() > 0
                && shortest.apr().compareTo(basis.apr().multiply(jumpFactor)) > 0) {
            flags.add(QuoteFlag.JUMP.with(shortest.window() + " APR " + shortest.apr().toPlainString() + " is more than "
                    + jumpFactor.toPlainString() + "× the " + basis.window() + " APR " + basis.apr().toPlainString()));
        }
        // the protocol takes a share of rewards, never of losses: no fee "rebate" on a negative yield
        BigDecimal fee = gross.max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(venue.protocolFee()))
                .setScale(AprMath.SCALE, RoundingMode.HALF_EVEN);
        BigDecimal net = gross.subtract(fee);
        if (net.signum() < 0) {
            flags.add("negative-yield: the fundamental rate fell over the " + basis.window() + " window (slashing or loss)");
        }
        List<YieldComponent> components = new ArrayList<>();
        components.add(new YieldComponent("staking", gross, "fundamental-rate growth, " + basis.window()));
        if (fee.signum() != 0) {
            components.add(new YieldComponent("protocol-fee", fee.negate(), "catalogue"));
        }
        List<SizePoint> sizeCurve = sizesEth.stream().map(size -> new SizePoint(size, net)).toList();
        return new Result(net, basis.window(), components, windows, sizeCurve, flags);
    }

    private static WindowYield pickBasis(List<WindowYield> windows, List<String> flags) {
        for (WindowYield w : windows) {
            if (w.window().equals(HEADLINE) && w.complete()) {
                return w;
            }
        }
        WindowYield longestComplete = null;
        for (WindowYield w : windows) {
            if (w.complete()) {
                longestComplete = w;
            }
        }
        if (longestComplete != null) {
            return longestComplete;
        }
        WindowYield longest = windows.get(windows.size() - 1);
        flags.add(QuoteFlag.SHORT_HISTORY.with((longest.end().blockTimestamp() - longest.start().blockTimestamp()) + " s of observations"));
        return longest;
    }

    /** Newest point with timestamp ≤ cutoff, or the oldest point when none is that old. */
    static RatePoint startOf(List<RatePoint> history, long cutoff) {
        RatePoint start = history.get(0);
        for (RatePoint p : history) {
            if (p.blockTimestamp() <= cutoff) {
                start = p;
            } else {
                break;
            }
        }
        return start;
    }
}

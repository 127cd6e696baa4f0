package io.lrtyield.backtest.run;

import io.lrtyield.backtest.contender.Contender;
import io.lrtyield.backtest.contender.Decision;
import io.lrtyield.backtest.contender.DecisionInput;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.backtest.market.DepegAlerts;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.market.QuoteModel;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.YieldQuote;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays a history block by block for each contender side by side: at each sample the market moves (interest
 * accrues, the lending market sees the new oracle price, the price service's depeg alerts are raised), a loop below
 * health factor 1 is liquidated first, then contenders due to decide (or alerted) do so ({@link Cadence}) and their
 * plans are executed within the block; at every block withdrawal queues pay out when due, a loop below health factor 1 is liquidated
 * (one liquidation call per block while it stays below), and the marks feed the metrics.
 */
public final class Backtest {

    static final List<String> FOCUS = List.of("wstETH", "weETH", "ezETH");

    private final Catalogue catalogue;
    private final Executor executor;
    private final QuoteModel quotes;
    private final DepegAlerts depegAlerts;
    private final Cadence cadence;
    private final BigInteger startWei;
    private final PrintStream progress;

    /** @param progress where progress lines go on long runs, null for none */
    public Backtest(Catalogue catalogue, Executor executor, Cadence cadence, BigInteger startWei, PrintStream progress) {
        this.catalogue = catalogue;
        this.executor = executor;
        this.quotes = new QuoteModel(catalogue);
        this.depegAlerts = new DepegAlerts(catalogue);
        this.cadence = cadence;
        this.startWei = startWei;
        this.progress = progress;
    }

    public RunResult run(MarketHistory history, List<Contender> contenders) {
        long t0 = System.nanoTime();
        List<Track> tracks = contenders.stream().map(c -> new Track(c, startWei)).toList();
        Series series = new Series();
        List<String> planLog = new ArrayList<>();
        Map<String, String> venueOfAsset = venueOfAsset();
        var hd = history.header();
        int samples = hd.samples();
        int chartEvery = Math.max(1, samples / 600);
        int progressEvery = samples >= 50_000 ? samples / 10 : Integer.MAX_VALUE;
        long block = hd.startBlock();
        MarketView view = null;
        BigDecimal bonus = hd.liquidationBonus();
        for (int i = 0; i < samples; i++) {
            MarketSample s = history.samples().get(i);
            view = new MarketView(history, s, catalogue.chainId());
            double[] inputs = inputs(s);
            List<RiskAlert> alerts = depegAlerts.observe(view);
            Map<String, PriceTick> prices = null;
            Map<String, YieldQuote> q = null;
            for (Track t : tracks) {
                if (i > 0) {
                    executor.accrue(t.ledger, view, (long) hd.sampleEveryBlocks() * hd.blockSeconds());
                }
                t.mark(view, executor);
                // liquidators act on the new price in its own block, before any keeper's plan lands
                if (t.unsafe && executor.liquidate(t.ledger, view, bonus)) {
                    t.mark(view, executor);
                }
                t.contender.observe(alerts);
                if (t.contender.active() && (!alerts.isEmpty() || due(t, s.block(), inputs))) {
                    if (prices == null) {
                        prices = view.prices();
                        q = quotes.quotes(view);
                    }
                    t.decisions++;
                    t.lastDecisionBlock = s.block();
                    t.inputsAtDecision = inputs;
                    Decision d = t.contender.decide(new DecisionInput(view, prices, q, t.ledger, executor, t.lastPlanAt));
                    if (d != null) {
                        if (d.deleverage()) {
                            executor.deleverage(t.ledger, view, d.plan());
                        } else {
                            executor.execute(t.ledger, view, d.moves(), d.plan());
                        }
                        t.lastPlanAt = s.timestamp();
                        if ("strategy".equals(t.contender.name()) && planLog.size() < 60) {
                            planLog.add(String.format(Locale.ROOT, "day %.2f block %d: %s (%d actions)", day(hd, s.block()), s.block(),
                                    d.reason(), d.plan().actions().size()));
                        }
                        t.mark(view, executor);
                    }
                }
            }
            if (i % chartEvery == 0) {
                chartPoint(series, tracks, view, hd, s, venueOfAsset);
            }
            // the blocks this sample holds for
            long end = s.block() + hd.sampleEveryBlocks();
            for (; block < end; block++) {
                for (Track t : tracks) {
                    if (t.nextDue <= block) {
                        executor.payQueues(t.ledger, block);
                        t.mark(view, executor);
                    }
                    if (block != s.block() && t.unsafe && executor.liquidate(t.ledger, view, bonus)) {
                        t.mark(view, executor);
                    }
                    if (t.fundamental > 0) {
                        t.idleShareBlocks += t.idle / t.fundamental;
                    }
                    t.queuedEthBlocks += t.queued;
                }
            }
            if (progress != null && i > 0 && i % progressEvery == 0) {
                progress.printf(Locale.ROOT, "  %s: %d %% (day %.0f of %.0f), %.1f s%n", hd.name(), Math.round(100.0 * i / samples),
                        day(hd, s.block()), hd.days(), (System.nanoTime() - t0) / 1e9);
            }
        }
        List<Metrics> metrics = new ArrayList<>();
        double days = hd.days();
        double blocks = hd.blocks();
        for (Track t : tracks) {
            double end = t.fundamental;
            double apy = Math.pow(Math.max(end, 0) / t.startEth, 365.0 / days) - 1;
            metrics.add(new Metrics(t.contender.name(), t.startEth, end, t.market, apy, t.ddM, t.ddF, t.worstHf,
                    t.ledger.liquidations(), t.ledger.liquidatedCollateralEth().doubleValue(),
                    t.ledger.tradedEth().doubleValue() / t.startEth, Track.eth(t.ledger.gasPaidWei()), t.ledger.slippageEth().doubleValue(),
                    t.queuedEthBlocks * hd.blockSeconds() / 86_400.0, t.idleShareBlocks / blocks, t.ledger.plans(), t.decisions));
        }
        return new RunResult(hd, metrics, series, (System.nanoTime() - t0) / 1_000_000, planLog);
    }

    private boolean due(Track t, long block, double[] inputs) {
        if (t.lastDecisionBlock == Long.MIN_VALUE || block - t.lastDecisionBlock >= cadence.everyBlocks()) {
            return true;
        }
        if (!Double.isNaN(t.hf) && t.hf < cadence.hfWatch()) {
            return true;
        }
        double[] last = t.inputsAtDecision;
        int n = (inputs.length - 1) / 3;
        for (int a = 0; a < n; a++) {
            if (inputs[3 * a] != last[3 * a]
                    || Math.abs(inputs[3 * a + 1] - last[3 * a + 1]) >= cadence.discountBps()
                    || Math.abs(inputs[3 * a + 2] - last[3 * a + 2]) >= cadence.aprBps()) {
                return true;
            }
        }
        return Math.abs(inputs[inputs.length - 1] - last[last.length - 1]) >= cadence.borrowAprBps();
    }

    /** Per asset: status ordinal, discount in bps, staking APR in bps; then the borrow APR in bps. */
    static double[] inputs(MarketSample s) {
        int n = s.rate().length;
        double[] out = new double[3 * n + 1];
        for (int a = 0; a < n; a++) {
            out[3 * a] = s.status()[a].ordinal();
            out[3 * a + 1] = (1 - (double) s.market()[a] / s.rate()[a]) * 10_000;
            out[3 * a + 2] = s.stakingApr()[a] / 1e8;
        }
        out[3 * n] = s.borrowApr() / 1e8;
        return out;
    }

    private void chartPoint(Series series, List<Track> tracks, MarketView view, io.lrtyield.backtest.history.HistoryHeader hd,
                            MarketSample s, Map<String, String> venueOfAsset) {
        int index = series.days.size();
        series.days.add(day(hd, s.block()));
        for (Track t : tracks) {
            String name = t.contender.name();
            Series.add(series.fundamental, name, t.fundamental, index);
            Series.add(series.market, name, t.market, index);
            Series.add(series.healthFactor, name, t.hf, index);
            if ("strategy".equals(name)) {
                for (var e : t.allocation(view, executor, venueOfAsset).entrySet()) {
                    Series.add(series.allocation, e.getKey(), t.fundamental > 0 ? e.getValue() / t.fundamental : 0, index);
                }
            }
        }
        for (String a : FOCUS) {
            Series.add(series.focus, a + " discount %", (1 - view.market(a).doubleValue() / view.rate(a).doubleValue()) * 100, index);
        }
        Series.add(series.focus, "WETH borrow APR %", view.borrowApr() * 100, index);
    }

    private Map<String, String> venueOfAsset() {
        Map<String, String> out = new HashMap<>();
        for (Venue v : catalogue.venues()) {
            if (v.venueKind() == VenueKind.NATIVE_STAKING || v.venueKind() == VenueKind.RESTAKING_TOKEN) {
                out.putIfAbsent(v.asset(), v.id());
            }
        }
        return out;
    }

    static double day(io.lrtyield.backtest.history.HistoryHeader hd, long block) {
        return (block - hd.startBlock()) * (double) hd.blockSeconds() / 86_400.0;
    }
}

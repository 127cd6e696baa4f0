package io.lrtyield.backtest.run;

import io.lrtyield.backtest.contender.Contender;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.backtest.sim.Ledger;
import io.lrtyield.backtest.sim.QueueClaim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** One contender's vault through a run and the running figures its metrics come from. */
final class Track {

    final Contender contender;
    final Ledger ledger;
    final double startEth;
    long lastPlanAt = Long.MIN_VALUE;
    long lastDecisionBlock = Long.MIN_VALUE;
    double[] inputsAtDecision;
    int decisions;
    // marks (display figures, from exact balances)
    double fundamental;
    double market;
    double idle;
    double queued;
    double hf = Double.NaN;
    double peakF;
    double peakM;
    double ddF;
    double ddM;
    double worstHf = Double.NaN;
    double idleShareBlocks;
    double queuedEthBlocks;
    long nextDue = Long.MAX_VALUE;
    boolean unsafe;

    Track(Contender contender, BigInteger startWei) {
        this.contender = contender;
        this.ledger = new Ledger(startWei);
        this.startEth = new BigDecimal(startWei).movePointLeft(18).doubleValue();
        this.peakF = startEth;
        this.peakM = startEth;
    }

    /** Re-marks the vault after the market or the ledger changed. */
    void mark(MarketView m, Executor ex) {
        Ledger l = ledger;
        double gas = eth(l.gasPaidWei());
        double f = eth(l.eth()) + eth(l.aWeth()) - eth(l.loopDebt()) + eth(l.queuedWei()) - gas;
        double mk = f;
        for (Map.Entry<String, BigInteger> t : l.tokens().entrySet()) {
            if (t.getValue().signum() != 0) {
                double amount = eth(t.getValue());
                f += amount * m.rate(t.getKey()).doubleValue();
                mk += amount * m.market(t.getKey()).doubleValue();
            }
        }
        if (l.loopCollateral().signum() > 0) {
            String asset = ex.loopVenue().asset();
            double c = eth(l.loopCollateral());
            f += c * m.rate(asset).doubleValue();
            mk += c * m.market(asset).doubleValue();
        }
        fundamental = f;
        market = mk;
        idle = eth(l.eth());
        queued = eth(l.queuedWei());
        BigDecimal h = ex.healthFactor(l, m);
        hf = h == null ? Double.NaN : h.doubleValue();
        unsafe = h != null && h.compareTo(BigDecimal.ONE) < 0;
        if (!Double.isNaN(hf) && (Double.isNaN(worstHf) || hf < worstHf)) {
            worstHf = hf;
        }
        peakF = Math.max(peakF, f);
        peakM = Math.max(peakM, mk);
        ddF = Math.max(ddF, 1 - f / peakF);
        ddM = Math.max(ddM, 1 - mk / peakM);
        nextDue = l.queue().stream().mapToLong(QueueClaim::dueBlock).min().orElse(Long.MAX_VALUE);
    }

    /** Fundamental value by position: idle, each token's venue, supply, loop equity, queue. */
    Map<String, Double> allocation(MarketView m, Executor ex, Map<String, String> venueOfAsset) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("idle-eth", idle);
        ledger.tokens().forEach((asset, amount) -> {
            if (amount.signum() != 0) {
                out.merge(venueOfAsset.getOrDefault(asset, asset), eth(amount) * m.rate(asset).doubleValue(), Double::sum);
            }
        });
        if (ledger.aWeth().signum() > 0) {
            out.put("aave-weth-supply", eth(ledger.aWeth()));
        }
        if (ledger.loopCollateral().signum() > 0) {
            out.put(ex.loopVenue().id(), eth(ledger.loopCollateral()) * m.rate(ex.loopVenue().asset()).doubleValue() - eth(ledger.loopDebt()));
        }
        if (queued > 0) {
            out.put("withdrawal-queue", queued);
        }
        return out;
    }

    static double eth(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).doubleValue();
    }
}

package io.lrtyield.rebalancer.wiring;

import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.risk.StressRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The latest prices, quotes and alerts from Kafka, and the latest snapshot's portfolio, stress table and decision. */
@ApplicationScoped
public class MarketCache {

    private final Map<String, PriceTick> prices = new ConcurrentHashMap<>();
    private final Map<String, YieldQuote> quotes = new ConcurrentHashMap<>();
    private final AlertBook alerts;
    private volatile Portfolio portfolio;
    private volatile List<StressRow> stress = List.of();
    private volatile PolicyOutcome outcome;

    MarketCache(StrategyConfig config) {
        this.alerts = new AlertBook(config.alertWindow().toSeconds());
    }

    public void onPrice(PriceTick tick) {
        prices.merge(tick.asset(), tick, (old, now) -> old.provenance().blockTimestamp() <= now.provenance().blockTimestamp() ? now : old);
    }

    public void onQuote(YieldQuote q) {
        quotes.merge(q.venueId(), q, (old, now) -> old.provenance().blockTimestamp() <= now.provenance().blockTimestamp() ? now : old);
    }

    public void onAlert(RiskAlert alert) {
        alerts.onAlert(alert);
    }

    public Map<String, PriceTick> prices() {
        return Map.copyOf(prices);
    }

    public Map<String, YieldQuote> quotes() {
        return Map.copyOf(quotes);
    }

    public AlertBook alerts() {
        return alerts;
    }

    public Portfolio portfolio() {
        return portfolio;
    }

    public List<StressRow> stress() {
        return stress;
    }

    public PolicyOutcome outcome() {
        return outcome;
    }

    void snapshot(Portfolio p, List<StressRow> rows, PolicyOutcome o) {
        this.portfolio = p;
        this.stress = List.copyOf(rows);
        this.outcome = o;
    }
}

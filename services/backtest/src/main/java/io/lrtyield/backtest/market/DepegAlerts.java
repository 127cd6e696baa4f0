package io.lrtyield.backtest.market;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.price.aggregate.AlertLevel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code DEPEG} alerts the price service would publish on {@code risk-alerts.v1} as a history's discounts move:
 * its own {@link AlertLevel} (warn and critical thresholds with hysteresis) over each asset's discount in bps, with the
 * catalogue's thresholds ({@link MarketPricing#depegWarnBps()}, {@code depegCriticalBps}, {@code hysteresisBps});
 * an alert on each change of level, inactive when it clears.
 */
public final class DepegAlerts {

    private final Catalogue catalogue;
    private final Map<String, AlertLevel> levels = new HashMap<>();

    public DepegAlerts(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public List<RiskAlert> observe(MarketView m) {
        List<RiskAlert> out = new ArrayList<>();
        for (String asset : m.assets()) {
            MarketPricing pricing = catalogue.asset(asset).map(Asset::market).orElse(null);
            if (pricing == null) {
                continue;
            }
            BigDecimal bps = BigDecimal.ONE.subtract(m.market(asset).divide(m.rate(asset), 18, RoundingMode.HALF_EVEN)).movePointRight(4)
                    .setScale(4, RoundingMode.HALF_EVEN);
            AlertLevel before = levels.getOrDefault(asset, AlertLevel.NONE);
            AlertLevel after = before.next(bps.doubleValue(), pricing.depegWarnBps(), pricing.depegCriticalBps(), pricing.hysteresisBps());
            if (after == before) {
                continue;
            }
            levels.put(asset, after);
            boolean active = after != AlertLevel.NONE;
            Provenance p = m.provenance();
            int threshold = after == AlertLevel.CRITICAL ? pricing.depegCriticalBps() : pricing.depegWarnBps();
            out.add(new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(asset, "DEPEG", active, p), asset, "DEPEG",
                    active ? after.name() : "INFO", asset + " trades " + bps.toPlainString() + " bps under its fundamental rate", bps,
                    BigDecimal.valueOf(threshold), active, p));
        }
        return out;
    }
}

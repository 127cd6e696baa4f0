package io.lrtyield.price.aggregate;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.MarketReading;
import io.lrtyield.price.snapshot.RateReading;
import io.lrtyield.price.snapshot.SnapshotReadings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one block's snapshot into one {@link PriceTick} per priced asset, and the alerts they call for.
 * <ul>
 *   <li>fundamental rate: unavailable → UNSAFE; above its CAPO-style growth cap → UNSAFE with a CRITICAL
 *       {@code RATE_GROWTH_CAP} alert; a fall (slashing, loss) is reported with a WARN {@code RATE_DECREASE}, never
 *       smoothed away;</li>
 *   <li>market price: the weighted median of the sources that pass {@link MarketScreen}'s checks; none fresh →
 *       STALE; fresh but all rejected → UNSAFE; some rejected → DEGRADED;</li>
 *   <li>discount = 1 − market / fundamental in bps, with a {@code DEPEG} alert (WARN / CRITICAL, hysteresis);
 *       depth-probe slippage beyond the bound → {@code EXIT_LIQUIDITY}; a source turning stale or rejected →
 *       {@code STALE_SOURCE} / {@code DEVIATING_SOURCE} (subject {@code asset/source});</li>
 *   <li>USD = market (else fundamental) ETH price × ETH/USD;</li>
 *   <li>a restaking token's exposure (operators, AVS sets, withdrawable shares) rides on its tick; a slashed operator or
 *       falling withdrawable shares raise {@link io.lrtyield.common.restaking.SlashingWatch}'s alerts; its issuer's
 *       {@code paused()} flag turning true raises {@link io.lrtyield.common.restaking.PauseWatch}'s {@code VENUE_PAUSED};</li>
 *   <li>the vault's own EigenLayer positions' exposure rides on the tick of their asset ({@link PriceTick#positions()}).</li>
 * </ul>
 * Every alert is raised when its condition starts and cleared once when it ends — never one per block.
 */
public final class PriceAggregator {

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
    private static final MathContext MC = MathContext.DECIMAL128;

    /** Ticks and the alerts raised while making them. */
    public record Result(List<PriceTick> ticks, List<RiskAlert> alerts) {
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final RateGrowthCap cap;
    private final MarketScreen screen = new MarketScreen();
    private final Map<String, BigDecimal> previousRate = new HashMap<>();
    private final Set<String> capExceeded = new HashSet<>();
    private final Map<String, AlertLevel> depeg = new HashMap<>();
    private final Map<String, AlertLevel> exit = new HashMap<>();
    private final Map<String, String> sourceConditions = new HashMap<>();
    private final io.lrtyield.common.restaking.SlashingWatch slashing = new io.lrtyield.common.restaking.SlashingWatch();
    private final io.lrtyield.common.restaking.PauseWatch pauses = new io.lrtyield.common.restaking.PauseWatch();

    public PriceAggregator(Catalogue catalogue, RateGrowthCap cap) {
        catalogue.assets().forEach(a -> assets.put(a.symbol(), a));
        this.cap = cap;
    }

    public synchronized Result aggregate(SnapshotReadings readings, BigDecimal usdPerEth, List<String> usdReasons, Provenance provenance) {
        Map<String, List<MarketReading>> market = new HashMap<>();
        readings.market().forEach(r -> market.computeIfAbsent(r.asset(), a -> new ArrayList<>()).add(r));
        List<PriceTick> ticks = new ArrayList<>(readings.rates().size());
        List<RiskAlert> alerts = new ArrayList<>();
        for (RateReading reading : readings.rates()) {
            PriceTick tick = tick(reading, market.getOrDefault(reading.asset(), List.of()), usdPerEth, usdReasons, provenance, alerts);
            var exposure = readings.exposures().get(reading.asset());
            if (exposure != null) {
                tick = tick.withExposure(exposure);
                alerts.addAll(slashing.check(reading.asset(), exposure, provenance));
            }
            var flags = readings.paused().get(reading.asset());
            if (flags != null) {
                alerts.addAll(pauses.check(reading.asset(), flags, provenance));
            }
            var positions = readings.positions().get(reading.asset());
            if (positions != null) {
                tick = tick.withPositions(positions);
            }
            ticks.add(tick);
        }
        return new Result(ticks, alerts);
    }

    private PriceTick tick(RateReading reading, List<MarketReading> marketReadings, BigDecimal usdPerEth, List<String> usdReasons,
                           Provenance p, List<RiskAlert> alerts) {
        String asset = reading.asset();
        Asset definition = assets.get(asset);
        List<String> reasons = new ArrayList<>();
        List<SourceValue> sources = new ArrayList<>();
        sources.add(new SourceValue(reading.source(), "FUNDAMENTAL", reading.rate(), reading.available(), reading.error(),
                reading.available() ? SourceValue.OK : SourceValue.UNAVAILABLE, 0, reading.contract()));
        PriceStatus status = PriceStatus.OK;
        if (!reading.available()) {
            status = PriceStatus.UNSAFE;
            reasons.add("fundamental rate unavailable: " + reading.error());
        } else if (checkFundamental(definition, reading, p, reasons, alerts)) {
            status = PriceStatus.UNSAFE;
        }
        BigDecimal fundamental = reading.rate();
        BigDecimal marketPrice = null;
        BigDecimal confidence = null;
        BigDecimal discount = null;
        if (definition == null || !definition.marketPriced()) {
            status = worst(status, PriceStatus.DEGRADED);
            reasons.add("no market source configured: market price unknown");
        } else {
            MarketPricing pricing = definition.market();
            MarketScreen.Outcome outcome = screen.screen(asset, pricing, fundamental, marketReadings, p.blockTimestamp());
            sources.addAll(outcome.sources());
            reasons.addAll(outcome.reasons());
            sourceAlerts(asset, outcome.sources(), p, alerts);
            marketPrice = outcome.price() == null ? null : outcome.price().setScale(18, RoundingMode.HALF_EVEN);
            confidence = outcome.confidence();
            if (marketPrice == null) {
                status = worst(status, outcome.anyFresh() ? PriceStatus.UNSAFE : PriceStatus.STALE);
                reasons.add(outcome.anyFresh() ? "no market source passed the checks: market price unknown"
                        : "no fresh market source: market price unknown");
            } else {
                if (!outcome.reasons().isEmpty()) {
                    status = worst(status, PriceStatus.DEGRADED);
                }
                if (fundamental != null) {
                    discount = BigDecimal.ONE.subtract(marketPrice.divide(fundamental, MC)).multiply(BPS).setScale(4, RoundingMode.HALF_EVEN);
                    depegAlert(asset, discount, pricing, p, alerts);
                }
                exitAlert(asset, outcome, pricing, p, alerts);
            }
        }
        BigDecimal ethPrice = marketPrice != null ? marketPrice : fundamental;
        BigDecimal usd = null;
        if (usdPerEth != null && ethPrice != null) {
            usd = ethPrice.multiply(usdPerEth).setScale(8, RoundingMode.HALF_EVEN);
        } else {
            reasons.addAll(usdReasons);
        }
        return new PriceTick(PriceTick.SCHEMA_VERSION, PriceTick.idFor(asset, p), asset, marketPrice, usd, fundamental, discount, status,
                confidence, sources, reasons, p);
    }

    /** Growth cap and rate decrease; true when the rate is unsafe. */
    private boolean checkFundamental(Asset definition, RateReading reading, Provenance p, List<String> reasons, List<RiskAlert> alerts) {
        String asset = reading.asset();
        BigDecimal previous = previousRate.put(asset, reading.rate());
        if (previous != null && reading.rate().compareTo(previous) < 0) {
            BigDecimal dropBps = BigDecimal.ONE.subtract(reading.rate().divide(previous, MC)).multiply(BPS).setScale(4, RoundingMode.HALF_EVEN);
            reasons.add("fundamental rate fell by " + dropBps.toPlainString() + " bps since the previous block");
            alerts.add(alert(asset, "RATE_DECREASE", "WARN", "fundamental rate of " + asset + " fell by " + dropBps.toPlainString()
                    + " bps (slashing or loss?)", dropBps, BigDecimal.ZERO, true, p));
        }
        if (definition == null || definition.fundamentalRate() == null || definition.fundamentalRate().maxAnnualGrowth() <= 0) {
            return false;
        }
        double bound = definition.fundamentalRate().maxAnnualGrowth();
        var verdict = cap.check(asset, reading.rate(), bound, p.blockTimestamp(), p.blockNumber());
        if (verdict.exceeded()) {
            String why = "fundamental rate " + reading.rate().toPlainString() + " above its growth cap "
                    + verdict.cap().setScale(18, RoundingMode.HALF_EVEN).toPlainString() + " (" + bound * 100 + " %/yr since block "
                    + verdict.snapshot().block() + ")";
            reasons.add(why);
            if (capExceeded.add(asset)) {
                alerts.add(alert(asset, "RATE_GROWTH_CAP", "CRITICAL", why, reading.rate(), verdict.cap(), true, p));
            }
            return true;
        }
        if (capExceeded.remove(asset)) {
            alerts.add(alert(asset, "RATE_GROWTH_CAP", "INFO", "fundamental rate of " + asset + " back within its growth cap",
                    reading.rate(), verdict.cap(), false, p));
        }
        return false;
    }

    private void depegAlert(String asset, BigDecimal discountBps, MarketPricing pricing, Provenance p, List<RiskAlert> alerts) {
        AlertLevel before = depeg.getOrDefault(asset, AlertLevel.NONE);
        AlertLevel after = before.next(discountBps.doubleValue(), pricing.depegWarnBps(), pricing.depegCriticalBps(), pricing.hysteresisBps());
        if (after == before) {
            return;
        }
        depeg.put(asset, after);
        BigDecimal threshold = BigDecimal.valueOf(after == AlertLevel.CRITICAL ? pricing.depegCriticalBps() : pricing.depegWarnBps());
        alerts.add(after == AlertLevel.NONE
                ? alert(asset, "DEPEG", "INFO", asset + " back near its fundamental rate (discount " + discountBps.toPlainString() + " bps)",
                        discountBps, BigDecimal.valueOf(pricing.depegWarnBps() - pricing.hysteresisBps()), false, p)
                : alert(asset, "DEPEG", after.name(), asset + " trades " + discountBps.toPlainString() + " bps under its fundamental rate",
                        discountBps, threshold, true, p));
    }

    private void exitAlert(String asset, MarketScreen.Outcome outcome, MarketPricing pricing, Provenance p, List<RiskAlert> alerts) {
        if (outcome.maxExitSlippageBps() == null) {
            return;
        }
        AlertLevel before = exit.getOrDefault(asset, AlertLevel.NONE);
        AlertLevel after = before.next(outcome.maxExitSlippageBps().doubleValue(), pricing.maxExitSlippageBps(), Double.MAX_VALUE,
                pricing.hysteresisBps());
        if (after == before) {
            return;
        }
        exit.put(asset, after);
        String size = new BigDecimal(outcome.exitProbeSize(), 18).stripTrailingZeros().toPlainString();
        alerts.add(alert(asset, "EXIT_LIQUIDITY", after == AlertLevel.NONE ? "INFO" : "WARN", after == AlertLevel.NONE
                        ? "exit liquidity of " + asset + " restored: selling " + size + " costs " + outcome.maxExitSlippageBps().toPlainString() + " bps"
                        : "selling " + size + " " + asset + " would cost " + outcome.maxExitSlippageBps().toPlainString() + " bps of slippage",
                outcome.maxExitSlippageBps(), BigDecimal.valueOf(pricing.maxExitSlippageBps()), after != AlertLevel.NONE, p));
    }

    /** STALE_SOURCE / DEVIATING_SOURCE once per condition, cleared once when the source is used again. */
    private void sourceAlerts(String asset, List<SourceValue> sources, Provenance p, List<RiskAlert> alerts) {
        for (SourceValue s : sources) {
            String subject = asset + "/" + s.source();
            String kind = switch (s.status()) {
                case SourceValue.STALE, SourceValue.UNAVAILABLE -> "STALE_SOURCE";
                case SourceValue.OK -> null;
                default -> "DEVIATING_SOURCE";
            };
            String before = sourceConditions.get(subject);
            if (kind != null && !kind.equals(before)) {
                if (before != null) {
                    alerts.add(alert(subject, before, "INFO", "source " + s.source() + " of " + asset + " no longer " + before, null, null, false, p));
                }
                sourceConditions.put(subject, kind);
                alerts.add(alert(subject, kind, "WARN", "source " + s.source() + " of " + asset + " " + s.status() + ": " + s.detail(),
                        s.value(), null, true, p));
            } else if (kind == null && before != null) {
                sourceConditions.remove(subject);
                alerts.add(alert(subject, before, "INFO", "source " + s.source() + " of " + asset + " healthy again", s.value(), null, false, p));
            }
        }
    }

    private static PriceStatus worst(PriceStatus a, PriceStatus b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static RiskAlert alert(String subject, String kind, String severity, String message, BigDecimal value,
                                   BigDecimal threshold, boolean active, Provenance p) {
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(subject, kind, active, p), subject, kind, severity, message,
                value, threshold, active, p);
    }
}

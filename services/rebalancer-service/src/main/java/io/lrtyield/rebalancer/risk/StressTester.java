package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.VenuePosition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the stress scenarios over a portfolio. A holding's price in a scenario is its fundamental price times
 * (1 − the largest shock on it or any asset it is built on), or its market price when the oracle switches to market.
 * A loop's health factor scales from the on-chain one: HF' = HF · (collateral'/collateral) · (debt/debt'), the debt
 * growing by the spiked APR over the horizon. Depegs are applied to the health factor too, as if the lending oracle
 * followed the market: conservative (Aave's exchange-rate oracles do not), and the only safe reading of "depeg".
 */
public final class StressTester {

    private static final int SCALE = 18;
    private final Catalogue catalogue;
    private final RiskSettings settings;

    public StressTester(Catalogue catalogue, RiskSettings settings) {
        this.catalogue = catalogue;
        this.settings = settings;
    }

    /** Each restaking token depegs alone; all staking tokens together; the borrow rate spikes; the oracle goes to market. */
    public List<StressScenario> scenarios() {
        List<StressScenario> list = new ArrayList<>();
        String pct = settings.lrtDepeg().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        catalogue.venues().stream().filter(v -> v.venueKind() == VenueKind.RESTAKING_TOKEN).map(Venue::asset).distinct()
                .forEach(a -> list.add(new StressScenario("depeg " + a + " " + pct, Map.of(a, settings.lrtDepeg()), null, false)));
        Map<String, BigDecimal> lst = new LinkedHashMap<>();
        catalogue.venues().stream().filter(v -> v.venueKind() == VenueKind.NATIVE_STAKING).map(Venue::asset).distinct()
                .forEach(a -> lst.put(root(a), settings.lstDepeg()));
        list.add(new StressScenario("correlated LST depeg " + settings.lstDepeg().movePointRight(2).stripTrailingZeros().toPlainString() + "%",
                lst, null, false));
        list.add(new StressScenario("borrow rate " + settings.borrowAprSpike().movePointRight(2).stripTrailingZeros().toPlainString() + "% APR",
                Map.of(), settings.borrowAprSpike(), false));
        list.add(new StressScenario("oracle switched to market price", Map.of(), null, true));
        return list;
    }

    /** {@link #scenarios()} and, when the price ticks carry restaking exposures, {@link #largestAvsSlash}. */
    public List<StressScenario> scenarios(Map<String, PriceTick> prices) {
        List<StressScenario> list = new ArrayList<>(scenarios());
        largestAvsSlash(prices).ifPresent(list::add);
        return list;
    }

    /**
     * The AVS operator set that can slash the most ETH across the restaking tokens (Σ slashable share × backing) slashes
     * everything allocated to it: each token loses its slashable share to that set.
     */
    public static java.util.Optional<StressScenario> largestAvsSlash(Map<String, PriceTick> prices) {
        Map<String, BigDecimal> eth = new java.util.TreeMap<>();
        Map<String, Map<String, BigDecimal>> shocks = new java.util.TreeMap<>();
        for (PriceTick t : prices.values()) {
            if (t.exposure() == null || t.exposure().backingEth() == null) {
                continue;
            }
            t.exposure().slashableShareBySet().forEach((set, share) -> {
                eth.merge(set, share.multiply(t.exposure().backingEth()), BigDecimal::add);
                shocks.computeIfAbsent(set, k -> new LinkedHashMap<>()).put(t.asset(), share.min(BigDecimal.ONE));
            });
        }
        return eth.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> new StressScenario("largest AVS " + e.getKey()
                + " slashes its maximum (" + e.getValue().setScale(0, RoundingMode.HALF_EVEN).toPlainString() + " ETH slashable)",
                shocks.get(e.getKey()), null, false));
    }

    public List<StressRow> run(Portfolio portfolio, Map<String, PriceTick> prices) {
        List<StressRow> rows = new ArrayList<>();
        for (StressScenario s : scenarios(prices)) {
            for (VenuePosition p : portfolio.positions()) {
                rows.add(row(s, p, prices));
            }
        }
        return rows;
    }

    StressRow row(StressScenario s, VenuePosition p, Map<String, PriceTick> prices) {
        BigDecimal before = BigDecimal.ZERO;
        BigDecimal after = BigDecimal.ZERO;
        BigDecimal collBefore = BigDecimal.ZERO;
        BigDecimal collAfter = BigDecimal.ZERO;
        BigDecimal debtBefore = BigDecimal.ZERO;
        BigDecimal debtAfter = BigDecimal.ZERO;
        for (Holding h : p.holdings()) {
            BigDecimal amount = new BigDecimal(h.amount()).movePointLeft(18);
            BigDecimal pf = PortfolioValuer.fundamental(h.asset(), prices);
            pf = pf == null ? BigDecimal.ZERO : pf;
            BigDecimal ps = stressedPrice(s, h.asset(), pf, prices);
            if (h.debt()) {
                BigDecimal grown = s.borrowApr() == null ? amount
                        : amount.multiply(BigDecimal.ONE.add(s.borrowApr().multiply(settings.horizonYears())));
                debtBefore = debtBefore.add(amount.multiply(pf));
                debtAfter = debtAfter.add(grown.multiply(ps));
            } else {
                collBefore = collBefore.add(amount.multiply(pf));
                collAfter = collAfter.add(amount.multiply(ps));
            }
        }
        before = collBefore.subtract(debtBefore).setScale(SCALE, RoundingMode.HALF_EVEN);
        after = collAfter.subtract(debtAfter).setScale(SCALE, RoundingMode.HALF_EVEN);
        BigDecimal hf = null;
        if (p.healthFactor() != null && debtAfter.signum() > 0 && collBefore.signum() > 0) {
            hf = p.healthFactor().multiply(collAfter).multiply(debtBefore)
                    .divide(collBefore.multiply(debtAfter), 6, RoundingMode.DOWN);
        }
        return new StressRow(s.name(), p.venueId(), before, after, before.subtract(after), hf);
    }

    /** Health factor of a loop at leverage {@code ltv} (debt / collateral) with threshold {@code lt} in a scenario. */
    public BigDecimal loopHealthFactor(StressScenario s, String collateral, String debtAsset, BigDecimal ltv, BigDecimal lt,
                                       Map<String, PriceTick> prices) {
        BigDecimal pf = PortfolioValuer.fundamental(collateral, prices);
        if (pf == null || ltv.signum() == 0) {
            return null;
        }
        BigDecimal coll = stressedPrice(s, collateral, pf, prices).divide(pf, SCALE, RoundingMode.HALF_EVEN);
        BigDecimal dpf = PortfolioValuer.fundamental(debtAsset, prices);
        BigDecimal debt = dpf == null ? BigDecimal.ONE : stressedPrice(s, debtAsset, dpf, prices).divide(dpf, SCALE, RoundingMode.HALF_EVEN);
        if (s.borrowApr() != null) {
            debt = debt.multiply(BigDecimal.ONE.add(s.borrowApr().multiply(settings.horizonYears())));
        }
        return lt.multiply(coll).divide(ltv.multiply(debt), 6, RoundingMode.DOWN);
    }

    private BigDecimal stressedPrice(StressScenario s, String asset, BigDecimal fundamental, Map<String, PriceTick> prices) {
        if (s.oracleToMarket()) {
            BigDecimal m = PortfolioValuer.market(asset, prices);
            return m == null ? fundamental : m;
        }
        BigDecimal shock = BigDecimal.ZERO;
        String a = asset;
        for (int depth = 0; a != null && depth < 5; depth++) {
            BigDecimal x = s.shocks().get(a);
            if (x != null && x.compareTo(shock) > 0) {
                shock = x;
            }
            String next = catalogue.asset(a).map(Asset::underlying).orElse(null);
            a = next == null || next.equalsIgnoreCase(a) ? null : next;
        }
        return fundamental.multiply(BigDecimal.ONE.subtract(shock));
    }

    /** The base staking token an asset is built on (wstETH → stETH). */
    private String root(String asset) {
        String a = asset;
        for (int depth = 0; depth < 5; depth++) {
            String u = catalogue.asset(a).map(Asset::underlying).orElse("ETH");
            if (u.equalsIgnoreCase("ETH") || u.equalsIgnoreCase("WETH")) {
                return a;
            }
            a = u;
        }
        return a;
    }
}

package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.lending.morpho.MorphoVenue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assigns a snapshot's balances to catalogue venues and values them in ETH. Assignment: native ETH and WETH → the idle
 * venue; a token balance → the first staking or restaking venue of that asset; Aave debt → the loop that borrows that
 * asset, with the aToken of the loop's collateral; other aTokens → the Aave lending-supply venue of their asset (or a
 * loop of it); EigenLayer, PT, LP and Morpho supply holdings → their venue; anything else → {@link Portfolio#UNASSIGNED}.
 * Valuation: fundamental = the asset's fundamental rate from its latest {@link PriceTick} (ETH, WETH and rebasing
 * tokens without a rate view at 1); market = the tick's market price (ETH and WETH at 1), null when missing. PTs are
 * valued at redemption value (one underlying each), said in the position's notes. Lido withdrawal requests are a
 * claim on ETH (the stETH locked, 1:1 after finalization), in a position of their own
 * ({@link PortfolioReader#lidoQueuePosition}) that counts in the total but is no venue the policy trades.
 */
public final class PortfolioValuer {

    public static final int SCALE = 18;
    private static final BigDecimal WEI = BigDecimal.TEN.pow(18);

    private final Catalogue catalogue;

    public PortfolioValuer(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public Portfolio value(String vault, RawSnapshot raw, Map<String, PriceTick> prices) {
        Map<String, List<Holding>> byVenue = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        String idle = venuesOf(VenueKind.IDLE).stream().findFirst().map(Venue::id).orElse(Portfolio.UNASSIGNED);
        add(byVenue, idle, new Holding("native ETH", "ETH", raw.ethBalance(), false));
        raw.tokens().forEach((symbol, amount) -> {
            if (amount.signum() == 0) {
                return;
            }
            String venue = "WETH".equals(symbol) ? idle : venuesOf(VenueKind.NATIVE_STAKING, VenueKind.RESTAKING_TOKEN).stream()
                    .filter(v -> v.asset().equalsIgnoreCase(symbol)).findFirst().map(Venue::id).orElse(Portfolio.UNASSIGNED);
            add(byVenue, venue, new Holding("balanceOf " + symbol, symbol, amount, false));
        });
        AaveAccount aave = raw.aave();
        String loopWithDebt = null;
        if (aave != null) {
            for (Map.Entry<String, BigInteger> debt : aave.borrowed().entrySet()) {
                if (debt.getValue().signum() == 0) {
                    continue;
                }
                Optional<Venue> loop = venuesOf(VenueKind.LEVERAGED_LOOP).stream()
                        .filter(v -> debt.getKey().equalsIgnoreCase(v.param("borrowAsset").orElse(""))).findFirst();
                String id = loop.map(Venue::id).orElse(Portfolio.UNASSIGNED);
                add(byVenue, id, new Holding("debt " + debt.getKey(), debt.getKey(), debt.getValue(), true));
                if (loop.isPresent()) {
                    loopWithDebt = loop.get().asset();
                    notes.computeIfAbsent(id, k -> new ArrayList<>()).add("Aave health factor " + aave.healthFactor());
                }
            }
            for (Map.Entry<String, BigInteger> supplied : aave.supplied().entrySet()) {
                if (supplied.getValue().signum() == 0) {
                    continue;
                }
                String asset = supplied.getKey();
                Optional<Venue> lending = venuesOf(VenueKind.LENDING_SUPPLY).stream()
                        .filter(v -> v.asset().equalsIgnoreCase(asset) && !MorphoVenue.isMorpho(v)).findFirst();
                Optional<Venue> loop = venuesOf(VenueKind.LEVERAGED_LOOP).stream().filter(v -> v.asset().equalsIgnoreCase(asset)).findFirst();
                String id = asset.equalsIgnoreCase(loopWithDebt) || lending.isEmpty()
                        ? loop.map(Venue::id).orElse(lending.map(Venue::id).orElse(Portfolio.UNASSIGNED))
                        : lending.get().id();
                add(byVenue, id, new Holding("aToken " + asset, asset, supplied.getValue(), false));
            }
        }
        raw.venueHoldings().forEach((venue, holdings) -> holdings.stream().filter(h -> h.amount().signum() != 0)
                .forEach(h -> add(byVenue, venue, h)));
        catalogue.venues().stream().filter(v -> v.venueKind() == VenueKind.FIXED_YIELD_PT && byVenue.containsKey(v.id()))
                .forEach(v -> notes.computeIfAbsent(v.id(), k -> new ArrayList<>()).add("PT valued at redemption value (1 " + v.asset() + " each)"));
        byVenue.keySet().stream().filter(id -> id.endsWith(PortfolioReader.lidoQueuePosition(""))).forEach(id -> notes
                .computeIfAbsent(id, k -> new ArrayList<>()).add(queueNote(id, raw)));
        if (raw.queuedWithdrawals() > 0) {
            venuesOf(VenueKind.EIGENLAYER_STRATEGY).forEach(v -> notes.computeIfAbsent(v.id(), k -> new ArrayList<>())
                    .add(raw.queuedWithdrawals() + " queued EigenLayer withdrawal(s) not yet completed"));
        }

        List<VenuePosition> positions = new ArrayList<>();
        List<String> unavailable = new ArrayList<>(raw.unavailable());
        BigDecimal totalF = BigDecimal.ZERO;
        BigDecimal totalM = BigDecimal.ZERO;
        for (Map.Entry<String, List<Holding>> e : byVenue.entrySet()) {
            BigDecimal f = BigDecimal.ZERO;
            BigDecimal m = BigDecimal.ZERO;
            for (Holding h : e.getValue()) {
                BigDecimal amount = new BigDecimal(h.amount()).divide(WEI, SCALE, RoundingMode.DOWN);
                BigDecimal pf = fundamental(h.asset(), prices);
                BigDecimal pm = market(h.asset(), prices);
                if (pf == null) {
                    unavailable.add(e.getKey() + ": no fundamental price for " + h.asset() + " (valued at 0)");
                    pf = BigDecimal.ZERO;
                }
                BigDecimal sign = h.debt() ? BigDecimal.ONE.negate() : BigDecimal.ONE;
                f = f.add(amount.multiply(pf).multiply(sign));
                m = m == null || pm == null ? null : m.add(amount.multiply(pm).multiply(sign));
            }
            f = f.setScale(SCALE, RoundingMode.HALF_EVEN);
            m = m == null ? null : m.setScale(SCALE, RoundingMode.HALF_EVEN);
            boolean loop = catalogue.venue(e.getKey()).map(v -> v.venueKind() == VenueKind.LEVERAGED_LOOP).orElse(false);
            positions.add(new VenuePosition(e.getKey(), e.getValue(), f, m,
                    loop && aave != null ? aave.healthFactor() : null, notes.getOrDefault(e.getKey(), List.of())));
            totalF = totalF.add(f);
            totalM = totalM == null || m == null ? null : totalM.add(m);
        }
        return new Portfolio(vault, raw.blockNumber(), raw.blockTimestamp(), positions, aave, totalF, totalM, unavailable);
    }

    /** ETH per token at the protocol's own rate, or null when unknown. */
    public static BigDecimal fundamental(String asset, Map<String, PriceTick> prices) {
        if ("ETH".equalsIgnoreCase(asset) || "WETH".equalsIgnoreCase(asset)) {
            return BigDecimal.ONE;
        }
        PriceTick tick = prices.get(asset);
        if (tick != null && tick.fundamentalRate() != null) {
            return tick.fundamentalRate();
        }
        // rebasing tokens (stETH, eETH) redeem 1:1 for ETH and have no rate view
        return "stETH".equalsIgnoreCase(asset) || "eETH".equalsIgnoreCase(asset) ? BigDecimal.ONE : null;
    }

    /** ETH per token on the market, or null when no healthy market price is known. */
    public static BigDecimal market(String asset, Map<String, PriceTick> prices) {
        if ("ETH".equalsIgnoreCase(asset) || "WETH".equalsIgnoreCase(asset)) {
            return BigDecimal.ONE;
        }
        PriceTick tick = prices.get(asset);
        return tick == null ? null : tick.marketPriceEth();
    }

    /** What a venue's queue position holds, by the queue it is in. */
    private String queueNote(String position, RawSnapshot raw) {
        if (venuesOf(VenueKind.EIGENLAYER_STRATEGY).stream().anyMatch(v -> PortfolioReader.lidoQueuePosition(v.id()).equals(position))) {
            return "queued EigenLayer withdrawal: the strategy's underlying for the shares it pays (net of slashing), completable"
                    + " after the delay";
        }
        if (raw.lrtRequests().stream().anyMatch(r -> "weETH".equals(r.asset()) && PortfolioReader.lidoQueuePosition(r.venueId()).equals(position))) {
            return "queued withdrawal (ether.fi WithdrawRequestNFT), an ETH claim: its eETH at most, at the rate of its finalization,"
                    + " paid after finalization";
        }
        if (raw.lrtRequests().stream().anyMatch(r -> PortfolioReader.lidoQueuePosition(r.venueId()).equals(position))) {
            return "queued withdrawal, an ETH claim at the rate of the request, paid after the issuer's cooldown or unlock";
        }
        return "queued withdrawal, claimable after finalization (ETH 1:1 for the stETH locked)";
    }

    private List<Venue> venuesOf(VenueKind... kinds) {
        List<VenueKind> wanted = List.of(kinds);
        return catalogue.venues().stream().filter(v -> wanted.contains(v.venueKind())).toList();
    }

    private static void add(Map<String, List<Holding>> byVenue, String venue, Holding h) {
        byVenue.computeIfAbsent(venue, k -> new ArrayList<>()).add(h);
    }
}

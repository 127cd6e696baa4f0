package io.lrtyield.backtest.record;

import io.lrtyield.backtest.history.Fixed;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.exit.ExitRoute;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns recorded {@code prices.v1} ticks and {@code yields.v1} quotes into a history: one sample every N blocks from
 * the first block where every asset has a tick, each figure the latest event at or before the sample's block.
 * <ul>
 *   <li>rate, market, status from the asset's tick (market = rate without a market price; a tick older than the
 *       policy's 10 blocks is STALE, as the policy would read it);</li>
 *   <li>staking APR from the {@code staking} component of the asset's staking or restaking venue (stETH and eETH from
 *       their wrapped token's venue);</li>
 *   <li>effective depth from the venue's DEX exit cost at its 1,000-ETH size point, inverted through the pool model
 *       (the depth that reproduces that cost), {@link #DEFAULT_DEPTH} where the venue exits otherwise;</li>
 *   <li>borrow APR from the loop's {@code borrow cost} / (L − 1), supply APR from the WETH supply venue, WETH available
 *       from the loop's {@code borrowAvailableEth};</li>
 *   <li>the gas price is not on either topic: a constant given by the caller.</li>
 * </ul>
 */
public final class RecordedHistory {

    public static final double DEFAULT_DEPTH = 100_000;
    static final long MAX_AGE_BLOCKS = 10;
    static final double MAX_DEPTH = 10_000_000;

    private final Catalogue catalogue;
    private final List<String> assets;
    private final Map<String, TreeMap<Long, PriceTick>> ticks = new HashMap<>();
    private final Map<String, TreeMap<Long, YieldQuote>> quotes = new HashMap<>();
    private final TreeMap<Long, Long> timestamps = new TreeMap<>();

    public RecordedHistory(Catalogue catalogue, List<String> assets) {
        this.catalogue = catalogue;
        this.assets = List.copyOf(assets);
    }

    public void add(PriceTick t) {
        ticks.computeIfAbsent(t.asset(), k -> new TreeMap<>()).put(t.provenance().blockNumber(), t);
        timestamps.put(t.provenance().blockNumber(), t.provenance().blockTimestamp());
    }

    public void add(YieldQuote q) {
        quotes.computeIfAbsent(q.venueId(), k -> new TreeMap<>()).put(q.provenance().blockNumber(), q);
        timestamps.put(q.provenance().blockNumber(), q.provenance().blockTimestamp());
    }

    public MarketHistory build(String name, int sampleEveryBlocks, BigDecimal gasGwei, BigDecimal dexFeeBps) {
        long start = Long.MIN_VALUE;
        for (String a : assets) {
            TreeMap<Long, PriceTick> t = ticks.get(a);
            if (t == null || t.isEmpty()) {
                throw new IllegalArgumentException("recorded no " + a + " tick on prices.v1: no complete sample");
            }
            start = Math.max(start, t.firstKey());
        }
        long last = timestamps.lastKey();
        if (last <= start) {
            throw new IllegalArgumentException("recorded fewer than two blocks with every asset priced");
        }
        long t0 = timestamps.floorEntry(start).getValue();
        int blockSeconds = (int) Math.max(1, Math.round((timestamps.lastEntry().getValue() - t0) / (double) (last - start)));
        int samples = (int) ((last - start) / sampleEveryBlocks) + 1;
        HistoryHeader header = new HistoryHeader(name, 0, start, t0, blockSeconds, sampleEveryBlocks, samples, HistoryHeader.FUNDAMENTAL,
                new BigDecimal("0.01"), dexFeeBps, assets, "recorded from prices.v1 and yields.v1 (gas " + gasGwei.toPlainString() + " gwei)");
        List<MarketSample> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            long block = header.blockOf(i);
            out.add(sample(block, header.timestampOf(block), gasGwei, dexFeeBps.doubleValue()));
        }
        return new MarketHistory(header, out);
    }

    private MarketSample sample(long block, long ts, BigDecimal gas, double feeBps) {
        int n = assets.size();
        long[] rate = new long[n];
        long[] market = new long[n];
        long[] depth = new long[n];
        long[] apr = new long[n];
        PriceStatus[] status = new PriceStatus[n];
        for (int a = 0; a < n; a++) {
            String asset = assets.get(a);
            PriceTick t = ticks.get(asset).floorEntry(block).getValue();
            BigDecimal f = t.fundamentalRate() == null ? BigDecimal.ONE : t.fundamentalRate();
            BigDecimal m = t.marketPriceEth() == null ? f : t.marketPriceEth();
            rate[a] = Fixed.parse(f.setScale(12, java.math.RoundingMode.HALF_EVEN).toPlainString());
            market[a] = Fixed.parse(m.setScale(12, java.math.RoundingMode.HALF_EVEN).toPlainString());
            status[a] = block - t.provenance().blockNumber() > MAX_AGE_BLOCKS ? PriceStatus.STALE : t.status();
            YieldQuote q = latest(venueOf(asset), block);
            apr[a] = Fixed.of(q == null ? 0 : staking(q));
            depth[a] = Fixed.of(q == null ? DEFAULT_DEPTH : depth(q, f.doubleValue(), m.doubleValue(), feeBps));
        }
        YieldQuote loop = latest(firstOf(VenueKind.LEVERAGED_LOOP), block);
        YieldQuote supply = latest(firstOf(VenueKind.LENDING_SUPPLY), block);
        double borrow = 0;
        double available = 0;
        if (loop != null) {
            double l = Double.parseDouble(loop.risk().getOrDefault("leverage", "1"));
            double cost = loop.components().stream().filter(c -> c.name().startsWith("borrow")).mapToDouble(c -> c.apy().doubleValue()).sum();
            borrow = l > 1 ? -cost / (l - 1) : 0;
            available = Double.parseDouble(loop.risk().getOrDefault("borrowAvailableEth", "0"));
        }
        return new MarketSample(block, ts, Fixed.parse(gas.toPlainString()), Fixed.of(borrow), Fixed.of(supply == null ? 0 : supply.netApy().doubleValue()),
                Fixed.of(available), rate, market, depth, apr, status);
    }

    /** The depth at which the pool model's cost of selling the 1,000-ETH point equals the quoted DEX exit cost. */
    static double depth(YieldQuote q, double fundamental, double market, double feeBps) {
        SizePoint p = q.sizeCurve().stream().filter(s -> s.exit() != null && s.exit().kind() == ExitRoute.Kind.INSTANT_DEX)
                .filter(s -> s.sizeEth().doubleValue() <= 1_000).reduce((a, b) -> b).orElse(null);
        if (p == null) {
            return DEFAULT_DEPTH;
        }
        double s = p.sizeEth().doubleValue();
        double v = s * market / fundamental;
        double k = (1 - p.exit().costFraction().doubleValue()) * s / (v * (1 - feeBps / 10_000));
        return k >= 1 ? MAX_DEPTH : Math.min(MAX_DEPTH, Math.max(1, k * v / (1 - k)));
    }

    private static double staking(YieldQuote q) {
        return q.components().stream().filter(c -> c.name().equals("staking")).map(YieldComponent::apy).findFirst()
                .orElse(q.netApy()).doubleValue();
    }

    private YieldQuote latest(String venue, long block) {
        TreeMap<Long, YieldQuote> byBlock = venue == null ? null : quotes.get(venue);
        var e = byBlock == null ? null : byBlock.floorEntry(block);
        return e == null ? null : e.getValue();
    }

    /** The staking or restaking venue of an asset; a rebasing token's is its wrapped token's. */
    private String venueOf(String asset) {
        String a = "stETH".equals(asset) ? "wstETH" : "eETH".equals(asset) ? "weETH" : asset;
        return catalogue.venues().stream().filter(v -> v.venueKind() == VenueKind.NATIVE_STAKING || v.venueKind() == VenueKind.RESTAKING_TOKEN)
                .filter(v -> v.asset().equals(a)).map(Venue::id).findFirst().orElse(null);
    }

    private String firstOf(VenueKind kind) {
        return catalogue.venues().stream().filter(v -> v.venueKind() == kind).map(Venue::id).findFirst().orElse(null);
    }
}

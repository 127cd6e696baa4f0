package io.lrtyield.price.aggregate;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.MarketReading;
import io.lrtyield.price.snapshot.RateReading;
import io.lrtyield.price.snapshot.SnapshotReadings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** weETH priced from its feed, the eETH pool (scaled by the weETH rate) and the pool's EMA. */
class MarketPricingTest {

    private static final BigDecimal RATE = new BigDecimal("1.050000000000000000");
    private static final long T0 = 1_700_000_000L;
    private static final PriceSource FEED = PriceSource.chainlink("feed", "0xf", 18, 3_960, 1.0, false);
    private static final PriceSource POOL = PriceSource.curve("pool", "0xp", 1, BigInteger.TEN.pow(18),
            List.of(BigInteger.TEN.pow(20)), 1.0, true);
    private static final PriceSource EMA = PriceSource.curveEma("ema", "0xp", 1, 0.5, true);
    private static final Catalogue CATALOGUE = new Catalogue("test", 1, Map.of(), List.of(
            new Asset("weETH", "0xw", 18, "eETH", new RateSource("0xw", "getRate", List.of(), 18, 0), MarketPricing.of(List.of(FEED, POOL, EMA)))),
            List.of());

    private final PriceAggregator aggregator = new PriceAggregator(CATALOGUE, new RateGrowthCap(7 * 86_400));
    private long block = 100;
    private final List<RiskAlert> alerts = new ArrayList<>();

    /** One block: feed answer (ETH per weETH, updated at {@code feedAge} s ago), pool and EMA prices of eETH, 100-eETH probe slippage. */
    private PriceTick price(String feed, long feedAge, String pool, String ema, String slippageBps, BigDecimal usd) {
        long ts = T0 + block * 12;
        Provenance p = new Provenance(1, block, "0x" + block, ts);
        block++;
        var readings = new SnapshotReadings(List.of(new RateReading("weETH", "weETH.getRate", RATE, null)), List.of(
                new MarketReading("weETH", FEED, new BigDecimal(feed), ts - feedAge, Map.of(), null),
                new MarketReading("weETH", POOL, new BigDecimal(pool), 0, Map.of(BigInteger.TEN.pow(20), new BigDecimal(slippageBps)), null),
                new MarketReading("weETH", EMA, new BigDecimal(ema), 0, Map.of(), null)), List.of());
        var result = aggregator.aggregate(readings, usd, List.of("no fresh ETH/USD source: USD price unknown"), p);
        alerts.clear();
        alerts.addAll(result.alerts());
        return result.ticks().get(0);
    }

    private PriceTick price(String feed, String pool, String ema) {
        return price(feed, 60, pool, ema, "3", null);
    }

    private static String status(PriceTick tick, String source) {
        return tick.sources().stream().filter(s -> s.source().equals(source)).findFirst().orElseThrow().status();
    }

    @Test
    void marketPriceIsTheWeightedMedianAndTheDiscountIsExact() {
        // feed 1.0395 (99 % of rate), pool 0.99 × 1.05 = 1.0395, EMA 0.995 × 1.05 = 1.04475: median is 1.0395
        PriceTick tick = price("1.0395", 60, "0.99", "0.995", "3", new BigDecimal("3000"));
        assertEquals(new BigDecimal("1.039500000000000000"), tick.marketPriceEth());
        assertEquals(new BigDecimal("100.0000"), tick.discountBps());
        assertEquals(new BigDecimal("3118.50000000"), tick.priceUsd(), "1.0395 ETH × 3000 USD");
        assertEquals(PriceStatus.OK, tick.status());
        assertEquals(List.of(), tick.reasons());
        // weighted |deviation|: EMA 0.5 × 50.5 bps / 2.5 = 10.1 bps of a 150 bps bound → 1 − 0.0673…
        assertEquals(new BigDecimal("0.9327"), tick.confidence());
        assertEquals(4, tick.sources().size(), "fundamental + three market sources");
        assertEquals(new BigDecimal("1.0395"), tick.sources().get(2).value().stripTrailingZeros(), "pool reading scaled by the rate");
    }

    @Test
    void twoEqualWeightsMeetInTheMiddle() {
        assertEquals(new BigDecimal("2.5"), WeightedMedian.median(List.of(new WeightedMedian.Point(new BigDecimal("2"), 1),
                new WeightedMedian.Point(new BigDecimal("3"), 1))));
        assertEquals(new BigDecimal("3"), WeightedMedian.median(List.of(new WeightedMedian.Point(new BigDecimal("2"), 1),
                new WeightedMedian.Point(new BigDecimal("3"), 1.5))));
    }

    @Test
    void aStaleFeedIsIgnoredWithOneAlertAndOneClear() {
        PriceTick tick = price("1.0", 4_000, "1.0", "1.0", "3", null);
        assertEquals(SourceValue.STALE, status(tick, "feed"));
        assertEquals(new BigDecimal("1.050000000000000000"), tick.marketPriceEth(), "pool and EMA only");
        assertEquals(PriceStatus.DEGRADED, tick.status());
        assertTrue(tick.reasons().get(0).startsWith("source feed STALE: answer is 4000 s old, heartbeat 3960 s"), tick.reasons().toString());
        assertEquals(List.of("STALE_SOURCE"), alerts.stream().map(RiskAlert::kind).toList());
        assertEquals("weETH/feed", alerts.get(0).subject());
        price("1.0", 4_000, "1.0", "1.0", "3", null);
        assertEquals(List.of(), alerts, "no alert per block while stale");
        PriceTick fresh = price("1.05", 10, "1.0", "1.0", "3", null);
        assertEquals(SourceValue.OK, status(fresh, "feed"));
        assertEquals(1, alerts.size());
        assertFalse(alerts.get(0).active());
    }

    @Test
    void noFreshSourceIsStaleAndAllRejectedIsUnsafe() {
        var onlyFeed = new PriceAggregator(new Catalogue("test", 1, Map.of(), List.of(new Asset("rETH", "0xr", 18, "ETH",
                new RateSource("0xr", "getExchangeRate", List.of(), 18, 0), MarketPricing.of(List.of(FEED)))), List.of()),
                new RateGrowthCap(86_400));
        Provenance p = new Provenance(1, 1, "0x1", T0);
        var stale = onlyFeed.aggregate(new SnapshotReadings(List.of(new RateReading("rETH", "rETH.r", RATE, null)),
                List.of(new MarketReading("rETH", FEED, RATE, T0 - 10_000, Map.of(), null)), List.of()), null, List.of(), p).ticks().get(0);
        assertEquals(PriceStatus.STALE, stale.status());
        assertNull(stale.marketPriceEth());
        assertNull(stale.discountBps());
        // 5 % above the fundamental rate: implausible, and the only source
        var implausible = onlyFeed.aggregate(new SnapshotReadings(List.of(new RateReading("rETH", "rETH.r", RATE, null)),
                List.of(new MarketReading("rETH", FEED, new BigDecimal("1.1025"), T0, Map.of(), null)), List.of()), null, List.of(), p).ticks().get(0);
        assertEquals(PriceStatus.UNSAFE, implausible.status());
        assertEquals(SourceValue.IMPLAUSIBLE, implausible.sources().get(1).status());
    }

    @Test
    void aLoneJumpIsHeldOutThenRejectedAsAnOutlier() {
        price("1.05", "1.0", "1.0");
        // the feed drops 15 % in one block; the pool does not move
        PriceTick jumped = price("0.8925", "1.0", "1.0");
        assertEquals(SourceValue.JUMP, status(jumped, "feed"));
        assertEquals(new BigDecimal("1.050000000000000000"), jumped.marketPriceEth());
        assertEquals(PriceStatus.DEGRADED, jumped.status());
        assertEquals(List.of("DEVIATING_SOURCE"), alerts.stream().map(RiskAlert::kind).toList());
        price("0.8925", "1.0", "1.0");
        // confirmed by its own persistence after 3 blocks, it is still far from the median
        PriceTick later = price("0.8925", "1.0", "1.0");
        assertEquals(SourceValue.OUTLIER, status(later, "feed"));
        assertEquals(new BigDecimal("1.050000000000000000"), later.marketPriceEth());
    }

    @Test
    void aJumpTwoSourcesAgreeOnIsBelieved() {
        price("1.05", "1.0", "1.0");
        // feed and pool both fall 8 %: a real move (the lagging EMA is the outlier)
        PriceTick moved = price("0.966", "0.92", "1.0");
        assertEquals(SourceValue.OK, status(moved, "feed"));
        assertEquals(SourceValue.OK, status(moved, "pool"));
        assertEquals(SourceValue.OUTLIER, status(moved, "ema"));
        assertEquals(new BigDecimal("0.966000000000000000"), moved.marketPriceEth());
        assertEquals(new BigDecimal("800.0000"), moved.discountBps());
    }

    @Test
    void depegAlertsHaveHysteresis() {
        price("1.05", "1.0", "1.0");
        assertEquals(List.of(), alerts);
        price("1.0185", "0.97", "0.97"); // 300 bps
        assertEquals(1, alerts.size());
        assertEquals("DEPEG", alerts.get(0).kind());
        assertEquals("CRITICAL", alerts.get(0).severity());
        assertEquals(new BigDecimal("300.0000"), alerts.get(0).value());
        price("1.0311", "0.982", "0.982"); // 180 bps: within the hysteresis of critical (200 − 50)
        assertEquals(List.of(), alerts);
        price("1.03425", "0.985", "0.985"); // 150 bps: below 150? no, equal stays critical
        assertEquals(List.of(), alerts);
        price("1.0374", "0.988", "0.988"); // 120 bps: WARN
        assertEquals(List.of("WARN"), alerts.stream().map(RiskAlert::severity).toList());
        price("1.0437", "0.994", "0.994"); // 60 bps: still WARN (clears below 50)
        assertEquals(List.of(), alerts);
        price("1.0458", "0.996", "0.996"); // 40 bps: cleared, once
        assertEquals(1, alerts.size());
        assertFalse(alerts.get(0).active());
        price("1.0458", "0.996", "0.996");
        assertEquals(List.of(), alerts);
    }

    @Test
    void exitSlippageBeyondTheBoundRaisesExitLiquidity() {
        price("1.05", 60, "1.0", "1.0", "40", null);
        assertEquals(List.of(), alerts);
        price("1.05", 60, "1.0", "1.0", "140", null);
        assertEquals(List.of("EXIT_LIQUIDITY"), alerts.stream().map(RiskAlert::kind).toList());
        assertTrue(alerts.get(0).message().contains("selling 100 weETH would cost 140 bps"), alerts.get(0).message());
        price("1.05", 60, "1.0", "1.0", "80", null);
        assertEquals(List.of(), alerts, "hysteresis: clears below 50");
        price("1.05", 60, "1.0", "1.0", "30", null);
        assertFalse(alerts.get(0).active());
    }

    @Test
    void withoutEthUsdTheTickSaysWhy() {
        PriceTick tick = price("1.05", "1.0", "1.0");
        assertNull(tick.priceUsd());
        assertEquals(List.of("no fresh ETH/USD source: USD price unknown"), tick.reasons());
    }
}

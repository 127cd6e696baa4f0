package io.lrtyield.price.aggregate;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.RateReading;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PriceAggregatorTest {

    private static final Provenance BLOCK_100 = new Provenance(31337, 100, "0xb100", 1_700_000_000L);
    private static final Provenance BLOCK_101 = new Provenance(31337, 101, "0xb101", 1_700_000_012L);
    private static final String NO_MARKET = "no market source configured: market price unknown";

    private final Aggregator aggregator = new Aggregator(0);

    /** The aggregator fed fundamental rates only (no market source, no ETH/USD). */
    private static final class Aggregator {
        private final PriceAggregator delegate;

        Aggregator(double wstEthCap) {
            var catalogue = new io.lrtyield.common.catalogue.Catalogue("test", 1, java.util.Map.of(), List.of(
                    new io.lrtyield.common.catalogue.Asset("wstETH", "0x1", 18, "stETH",
                            new io.lrtyield.common.catalogue.RateSource("0x1", "stEthPerToken", List.of(), 18, wstEthCap)),
                    new io.lrtyield.common.catalogue.Asset("stETH", "0x2", 18, "ETH",
                            new io.lrtyield.common.catalogue.RateSource("0x2", "getPooledEthByShares", List.of(), 18, 0))), List.of());
            delegate = new PriceAggregator(catalogue, new RateGrowthCap(7 * 86_400));
        }

        PriceAggregator.Result aggregate(List<RateReading> readings, Provenance p) {
            return delegate.aggregate(new io.lrtyield.price.snapshot.SnapshotReadings(readings, List.of(), List.of()), null, List.of(), p);
        }
    }

    private static RateReading wstEth(String rate) {
        return new RateReading("wstETH", "wstETH.stEthPerToken", new BigDecimal(rate), null);
    }

    private PriceTick single(RateReading reading, Provenance provenance) {
        List<PriceTick> ticks = aggregator.aggregate(List.of(reading), provenance).ticks();
        assertEquals(1, ticks.size());
        return ticks.get(0);
    }

    @Test
    void availableRateGivesADegradedTickWithoutInventedMarketData() {
        BigDecimal rate = new BigDecimal("1.181234567890123456");
        PriceTick tick = single(wstEth("1.181234567890123456"), BLOCK_100);

        assertEquals(PriceTick.SCHEMA_VERSION, tick.schemaVersion());
        assertEquals(PriceTick.idFor("wstETH", BLOCK_100), tick.eventId());
        assertEquals("wstETH", tick.asset());
        assertEquals("wstETH", tick.key());
        assertEquals(rate, tick.fundamentalRate());
        assertEquals(18, tick.fundamentalRate().scale());
        assertNull(tick.marketPriceEth());
        assertNull(tick.priceUsd());
        assertNull(tick.discountBps());
        assertEquals(PriceStatus.DEGRADED, tick.status());
        assertTrue(tick.status().actionable());
        assertEquals(List.of(NO_MARKET), tick.reasons());
        assertEquals(List.of(new SourceValue("wstETH.stEthPerToken", "FUNDAMENTAL", rate, true, null)), tick.sources());
        assertEquals(BLOCK_100, tick.provenance());
    }

    @Test
    void unavailableRateIsUnsafe() {
        PriceTick tick = single(new RateReading("stETH", "stETH.getPooledEthByShares", null, "call reverted"), BLOCK_100);
        assertEquals(PriceStatus.UNSAFE, tick.status());
        assertFalse(tick.status().actionable());
        assertEquals(List.of("fundamental rate unavailable: call reverted", NO_MARKET), tick.reasons());
        assertNull(tick.fundamentalRate());
        SourceValue source = tick.sources().get(0);
        assertFalse(source.available());
        assertNull(source.value());
        assertEquals("call reverted", source.detail());
        assertEquals("stETH.getPooledEthByShares", source.source());
        assertEquals(PriceTick.idFor("stETH", BLOCK_100), tick.eventId());
    }

    @Test
    void aFallingRateIsReportedInBasisPoints() {
        assertEquals(List.of(NO_MARKET), single(wstEth("1.0"), BLOCK_100).reasons());
        PriceTick fell = single(wstEth("0.999"), BLOCK_101);
        assertEquals(PriceStatus.DEGRADED, fell.status());
        assertEquals(List.of("fundamental rate fell by 10.0000 bps since the previous block", NO_MARKET), fell.reasons());
    }

    @Test
    void dropIsComputedAgainstThePreviousRateNotOne() {
        single(wstEth("1.2"), BLOCK_100);
        // 1 − 1.19/1.2 = 0.008333… → 83.3333 bps (4 decimals, half-even)
        assertEquals("fundamental rate fell by 83.3333 bps since the previous block", single(wstEth("1.19"), BLOCK_101).reasons().get(0));
    }

    @Test
    void risingOrFlatRateAddsNoReasonAndADropIsReportedOnce() {
        single(wstEth("1.0"), BLOCK_100);
        assertEquals(List.of(NO_MARKET), single(wstEth("1.0001"), BLOCK_101).reasons());
        assertEquals(List.of(NO_MARKET), single(wstEth("1.0001"), BLOCK_101).reasons());
        assertEquals(2, single(wstEth("1.0000"), BLOCK_101).reasons().size());
        assertEquals(List.of(NO_MARKET), single(wstEth("1.0000"), BLOCK_101).reasons(), "compared with the last rate, once");
    }

    @Test
    void anUnavailableReadingKeepsTheLastKnownRate() {
        single(wstEth("1.0"), BLOCK_100);
        single(new RateReading("wstETH", "wstETH.stEthPerToken", null, "call reverted"), BLOCK_101);
        assertEquals("fundamental rate fell by 10.0000 bps since the previous block",
                single(wstEth("0.999"), BLOCK_101).reasons().get(0));
    }

    @Test
    void assetsAreTrackedIndependentlyAndTicksKeepReadingOrder() {
        List<PriceTick> first = aggregator.aggregate(List.of(wstEth("1.2"),
                new RateReading("stETH", "stETH.getPooledEthByShares", new BigDecimal("1.0"), null)), BLOCK_100).ticks();
        assertEquals(List.of("wstETH", "stETH"), first.stream().map(PriceTick::asset).toList());
        List<PriceTick> second = aggregator.aggregate(List.of(wstEth("1.3"),
                new RateReading("stETH", "stETH.getPooledEthByShares", new BigDecimal("1.1"), null)), BLOCK_101).ticks();
        assertEquals(List.of(NO_MARKET), second.get(0).reasons());
        assertEquals(List.of(NO_MARKET), second.get(1).reasons(), "stETH 1.0 → 1.1 rose; wstETH's 1.2 is not its baseline");
        assertNotEquals(second.get(0).eventId(), second.get(1).eventId());
    }

    @Test
    void aFallingRateRaisesOneWarnAlertWithTheDropInBps() {
        aggregator.aggregate(List.of(wstEth("1.0")), BLOCK_100);
        var result = aggregator.aggregate(List.of(wstEth("0.999")), BLOCK_101);
        assertEquals(1, result.alerts().size());
        var alert = result.alerts().get(0);
        assertEquals("RATE_DECREASE", alert.kind());
        assertEquals("WARN", alert.severity());
        assertEquals("wstETH", alert.subject());
        assertEquals(new BigDecimal("10.0000"), alert.value());
        assertEquals(io.lrtyield.common.event.RiskAlert.idFor("wstETH", "RATE_DECREASE", true, BLOCK_101), alert.eventId());
    }

    @Test
    void growthAboveTheCapIsUnsafeWithOneAlertUntilItClears() {
        var capped = new Aggregator(0.15);
        Provenance t0 = new Provenance(1, 100, "0xa", 1_700_000_000L);
        Provenance day1 = new Provenance(1, 7300, "0xb", 1_700_086_400L);
        Provenance day1b = new Provenance(1, 7301, "0xc", 1_700_086_412L);
        Provenance day30 = new Provenance(1, 216_100, "0xd", 1_700_000_000L + 30 * 86_400L);
        capped.aggregate(List.of(wstEth("1.0")), t0);
        // one day at 15 %/yr allows 1 × (1 + 0.15/365) = 1.000410958…; 1.001 is far above it
        var breach = capped.aggregate(List.of(wstEth("1.001")), day1);
        assertEquals(PriceStatus.UNSAFE, breach.ticks().get(0).status());
        assertTrue(breach.ticks().get(0).reasons().get(0).startsWith("fundamental rate 1.001 above its growth cap 1.000410958904109589"),
                breach.ticks().get(0).reasons().toString());
        assertEquals(List.of("RATE_GROWTH_CAP"), breach.alerts().stream().map(a -> a.kind()).toList());
        assertEquals("CRITICAL", breach.alerts().get(0).severity());
        var still = capped.aggregate(List.of(wstEth("1.001")), day1b);
        assertEquals(PriceStatus.UNSAFE, still.ticks().get(0).status());
        assertEquals(List.of(), still.alerts(), "no alert per block while the breach lasts");
        // thirty days later 1.001 is within 1 × (1 + 0.15 × 30/365): the breach clears once, with an inactive alert
        var cleared = capped.aggregate(List.of(wstEth("1.001")), day30);
        assertEquals(PriceStatus.DEGRADED, cleared.ticks().get(0).status());
        assertEquals(1, cleared.alerts().size());
        assertFalse(cleared.alerts().get(0).active());
    }
}

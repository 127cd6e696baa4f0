package io.lrtyield.price.aggregate;

import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.MarketReading;
import io.lrtyield.price.source.HttpQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class EthUsdAggregatorTest {

    private static final PriceSource FEED = PriceSource.chainlink("chainlink-ETH-USD", "0xf", 8, 3_960, 1.0, false);
    private static final long T = 1_700_000_000L;
    private static final long NOW = 1_800_000_000_000L;
    private final EthUsdAggregator aggregator = new EthUsdAggregator(120_000, 200);

    private static MarketReading feed(String usd, long age) {
        return new MarketReading("ETH", FEED, new BigDecimal(usd), T - age, Map.of(), null);
    }

    @Test
    void feedAndHttpAgreeingGiveTheirMidpoint() {
        var out = aggregator.aggregate(List.of(feed("3000", 30)), Optional.of(new HttpQuote(new BigDecimal("3010"), NOW - 5_000, 0)), null, T, NOW);
        assertEquals(new BigDecimal("3005.00000000"), out.usdPerEth());
        assertEquals(List.of(), out.reasons());
    }

    @Test
    void staleHttpAnswerIsIgnored() {
        var out = aggregator.aggregate(List.of(feed("3000", 30)), Optional.of(new HttpQuote(new BigDecimal("2000"), NOW - 300_000, 0)),
                "timeout", T, NOW);
        assertEquals(new BigDecimal("3000.00000000"), out.usdPerEth());
        assertEquals(SourceValue.STALE, out.sources().get(1).status());
        assertTrue(out.sources().get(1).detail().contains("last error: timeout"));
    }

    @Test
    void httpAloneWhenTheFeedIsStale() {
        var out = aggregator.aggregate(List.of(feed("3000", 5_000)), Optional.of(new HttpQuote(new BigDecimal("2500.5"), NOW, 0)), null, T, NOW);
        assertEquals(new BigDecimal("2500.50000000"), out.usdPerEth());
        assertEquals(SourceValue.STALE, out.sources().get(0).status());
    }

    @Test
    void nothingFreshGivesNoUsdPrice() {
        var out = aggregator.aggregate(List.of(feed("3000", 5_000)), Optional.empty(), "connection refused", T, NOW);
        assertNull(out.usdPerEth());
        assertEquals(List.of("no fresh ETH/USD source: USD price unknown"), out.reasons());
        assertEquals(SourceValue.UNAVAILABLE, out.sources().get(1).status());
    }
}

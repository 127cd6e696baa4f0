package io.lrtyield.yield.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YieldViewsTest {

    static final Catalogue CATALOGUE = new Catalogue("mainnet", 1, Map.of(), List.of(new Asset("ETH", null, 18, "ETH", null),
            new Asset("wstETH", "0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0", 18, "stETH", null)),
            List.of(new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0),
                    new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 432_000, 0.0)));
    static final Provenance P = new Provenance(1, 100, "0xabc", 1_700_000_000);

    static YieldQuote quote(String venue, String net, List<SizePoint> curve, Map<String, String> risk) {
        return new YieldQuote(1, YieldQuote.idFor(venue, P), venue, "LEVERAGED_LOOP", "wstETH", new BigDecimal(net), "spot", List.of(),
                List.of(), curve, 1, List.of(), P, risk);
    }

    static final List<SizePoint> CURVE = List.of(new SizePoint(new BigDecimal("10"), new BigDecimal("0.05")),
            new SizePoint(new BigDecimal("100"), new BigDecimal("0.04")), new SizePoint(new BigDecimal("1000"), new BigDecimal("0.02")));

    @Test
    void badParametersAreClientErrors() {
        assertEquals(400, assertThrows(ProblemException.class, () -> YieldViews.Filter.parse(CATALOGUE, "LOOPY", null, null, null, null, null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> YieldViews.Filter.parse(CATALOGUE, null, "DOGE", null, null, null, null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> YieldViews.Filter.parse(CATALOGUE, null, null, "9", null, null, null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> YieldViews.Filter.parse(CATALOGUE, null, null, null, null, "tvl", null)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> YieldViews.size("-5")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> YieldViews.size("ten")).status());
        YieldViews.Filter f = YieldViews.Filter.parse(CATALOGUE, "leveraged_loop", "WSTETH", null, "3", "netApy:asc", "250");
        assertEquals(VenueKind.LEVERAGED_LOOP, f.kind());
        assertEquals("wstETH", f.asset());
        assertEquals(3, f.riskTier());
        assertTrue(f.ascending());
        assertEquals(0, new BigDecimal("250").compareTo(f.sizeEth()));
        assertTrue(f.matches(CATALOGUE.venue("aave-wsteth-loop").orElseThrow()));
        assertTrue(!f.matches(CATALOGUE.venue("lido-wsteth").orElseThrow()));
    }

    @Test
    void netApyAtASizeIsInterpolatedOnTheCurve() {
        YieldQuote q = quote("aave-wsteth-loop", "0.051", CURVE, Map.of());
        assertEquals(0, new BigDecimal("0.0505").compareTo(YieldViews.netApyAt(q, new BigDecimal("5")).orElseThrow()), "between 0 and 10");
        assertEquals(0, new BigDecimal("0.04").compareTo(YieldViews.netApyAt(q, new BigDecimal("100")).orElseThrow()));
        assertEquals(0, new BigDecimal("0.03").compareTo(YieldViews.netApyAt(q, new BigDecimal("550")).orElseThrow()));
        assertTrue(YieldViews.netApyAt(q, new BigDecimal("1001")).isEmpty(), "beyond the curve");
        YieldQuote sized = YieldViews.atSize(q, new BigDecimal("550")).orElseThrow();
        assertEquals(0, new BigDecimal("0.03").compareTo(sized.netApy()));
        assertTrue(sized.flags().get(sized.flags().size() - 1).startsWith("size: net APY for 550 ETH"));
    }

    @Test
    void sortIsByNetApyBestFirstUnlessAsked() {
        List<YieldQuote> qs = List.of(quote("a", "0.01", List.of(), Map.of()), quote("b", "0.03", List.of(), Map.of()),
                quote("c", "-0.02", List.of(), Map.of()));
        assertEquals(List.of("b", "a", "c"), YieldViews.sorted(qs, false).stream().map(YieldQuote::venueId).toList());
        assertEquals(List.of("c", "a", "b"), YieldViews.sorted(qs, true).stream().map(YieldQuote::venueId).toList());
    }

    @Test
    void poolsUseDefiLlamaFieldNamesAndTypes() throws Exception {
        YieldQuote q = quote("aave-wsteth-loop", "0.0523", CURVE, Map.of("leverage", "10", "tvlEth", "2000", "pointsApyLow", "0.004",
                "pointsApyHigh", "0.0175"));
        YieldViews.Pool pool = YieldViews.pool(CATALOGUE, CATALOGUE.venue("aave-wsteth-loop").orElseThrow(), q, new BigDecimal("3000"));
        JsonNode json = EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsString(new YieldViews.PoolsResponse("success", List.of(pool))));
        assertEquals("success", json.get("status").asText());
        JsonNode p = json.get("data").get(0);
        for (String text : List.of("pool", "chain", "project", "symbol", "poolMeta")) {
            assertTrue(p.get(text).isTextual(), text);
        }
        for (String number : List.of("tvlUsd", "apyBase", "apy")) {
            assertTrue(p.get(number).isNumber(), number + " is a JSON number");
        }
        assertTrue(p.get("underlyingTokens").isArray());
        assertEquals("aave-wsteth-loop-ethereum", p.get("pool").asText());
        assertEquals("Ethereum", p.get("chain").asText());
        assertEquals("aave-v3", p.get("project").asText());
        assertEquals("WSTETH", p.get("symbol").asText());
        assertEquals(6_000_000d, p.get("tvlUsd").asDouble(), 1e-6);
        assertEquals(5.23, p.get("apyBase").asDouble(), 1e-12, "percent, as DefiLlama");
        assertEquals(5.23, p.get("apy").asDouble(), 1e-12, "points are not in apy");
        assertTrue(p.get("apyReward") == null || p.get("apyReward").isNull());
        assertEquals(1.75, p.get("apyPointsHigh").asDouble(), 1e-12);
        assertEquals("loop 10x", p.get("poolMeta").asText());
        assertEquals("0.0523", p.get("netApy").asText());
        assertNull(YieldViews.pool(CATALOGUE, CATALOGUE.venue("lido-wsteth").orElseThrow(), quote("lido-wsteth", "0.03", List.of(), Map.of()), null)
                .apyPointsLow());
    }
}

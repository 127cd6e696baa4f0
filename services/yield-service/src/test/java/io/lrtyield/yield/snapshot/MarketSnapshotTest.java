package io.lrtyield.yield.snapshot;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.yield.model.MarketState;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot's calls, their order and their decoding, against a fake node that answers like the contracts. */
class MarketSnapshotTest {

    static final String POOL = "0x00000000000000000000000000000000000000aa";
    static final String CURVE = "0x00000000000000000000000000000000000000cc";
    static final String MARKET = "0x00000000000000000000000000000000000000dd";
    static final String WETH = "0x0000000000000000000000000000000000000001";
    static final String SY = "0x00000000000000000000000000000000000000ee";
    static final String WSTETH = "0x0000000000000000000000000000000000000002";
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger E27 = BigInteger.TEN.pow(27);

    static Catalogue catalogue() {
        List<Asset> assets = List.of(new Asset("ETH", null, 18, "ETH", null), new Asset("WETH", WETH, 18, "ETH", null),
                new Asset("wstETH", WSTETH, 18, "stETH", null), new Asset("stETH", "0x0000000000000000000000000000000000000003", 18, "ETH", null),
                new Asset("weETH", "0x0000000000000000000000000000000000000004", 18, "eETH", null));
        List<Venue> venues = List.of(
                new Venue("aave-weth-supply", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0, Map.of("pool", "aavePool", "rateModel", "0,0.027,0.8,0.9")),
                new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0, Map.of("pool", "aavePool", "targetLtv", "0.9",
                        "liquidationThreshold", "0.95")),
                new Venue("curve-lp", "LP", "stETH", "curve", 2, 0, 0.0, Map.of("pool", "curvePool")),
                new Venue("pendle-pt", "FIXED_YIELD_PT", "weETH", "pendle", 3, 0, 0.0, Map.of("market", MARKET, "sy", SY)),
                new Venue("broken-lp", "LP", "stETH", "curve", 2, 0, 0.0, Map.of("pool", "nowhere")));
        return new Catalogue("test", 31337, Map.of("aavePool", POOL, "curvePool", CURVE), assets, venues);
    }

    /** Answers each call from its target and selector; counts the round trips. */
    static final class FakeNode implements MarketSnapshot.BlockReads {
        final List<Integer> batches = new ArrayList<>();
        boolean feeReverts;

        @Override
        public Uni<List<Multicall3.Result>> aggregate3(List<Multicall3.Call> calls, long blockNumber) {
            batches.add(calls.size());
            return Uni.createFrom().item(calls.stream().map(this::answer).toList());
        }

        Multicall3.Result answer(Multicall3.Call call) {
            String data = call.callData();
            String selector = data.substring(0, 10);
            String target = call.target().toLowerCase();
            return switch (selector) {
                case "0x35ea6a75" -> { // getReserveData(asset)
                    boolean weth = data.endsWith(WETH.substring(2));
                    BigInteger config = BigInteger.valueOf(1500).shiftLeft(64);
                    BigInteger liquidity = weth ? new BigInteger("12240000000000000000000000") : new BigInteger("100000000000000000000000");
                    BigInteger borrow = weth ? new BigInteger("18000000000000000000000000") : new BigInteger("2000000000000000000000000");
                    String a = weth ? "0x00000000000000000000000000000000000000a1" : "0x00000000000000000000000000000000000000a2";
                    String d = weth ? "0x00000000000000000000000000000000000000d1" : "0x00000000000000000000000000000000000000d2";
                    yield ok(word(config), word(E27), word(liquidity), word(E27), word(borrow), word(BigInteger.ZERO), word(BigInteger.valueOf(1_000)),
                            word(BigInteger.ONE), address(a), address("0x0"), address(d), address("0x0"), word(BigInteger.ZERO), word(BigInteger.ZERO),
                            word(BigInteger.ZERO));
                }
                case "0x18160ddd" -> switch (target) { // totalSupply()
                    case "0x00000000000000000000000000000000000000a1" -> ok(word(eth(20_000)));
                    case "0x00000000000000000000000000000000000000d1" -> ok(word(eth(12_000)));
                    case "0x00000000000000000000000000000000000000a2" -> ok(word(eth(3_000)));
                    default -> ok(word(eth(100)));
                };
                case "0x4903b0d1" -> ok(word(data.endsWith("1") ? eth(5_200) : eth(4_800)));
                case "0xf446c1d0" -> ok(word(BigInteger.valueOf(100)));
                case "0xddca3f43" -> feeReverts ? new Multicall3.Result(false, new byte[0]) : ok(word(BigInteger.valueOf(1_000_000)));
                case "0xbb7b8b80" -> ok(word(new BigInteger("1001000000000000000")));
                case "0x794052f3" -> ok(word(eth(1_000)), word(eth(1_000)), word(eth(1_000)), address("0x0"), word(eth(20)),
                        word(BigInteger.valueOf(1_000 + 31_536_000L / 4)), word(new BigInteger("999500333083533")), word(BigInteger.valueOf(80)),
                        word(new BigInteger("50000000000000000")));
                case "0x3ba0b9a9" -> ok(word(new BigInteger("1070000000000000000"))); // SY exchangeRate()
                default -> throw new AssertionError("unexpected call " + selector + " to " + target);
            };
        }
    }

    @Test
    void oneAggregatePerBlockAfterLearningTheReserveTokens() {
        FakeNode node = new FakeNode();
        MarketSnapshot snapshot = new MarketSnapshot(node, catalogue());
        assertEquals(Map.of("broken-lp", "venue broken-lp names contract nowhere, which the catalogue does not list"), snapshot.skipped());
        MarketState first = snapshot.read(10, 1_000).await().indefinitely();
        assertEquals(List.of(2, 13), node.batches, "discovery of 2 reserves, then 2 × 3 reserve reads + 5 pool reads + 1 market + its SY");
        MarketState second = snapshot.read(11, 1_012).await().indefinitely();
        assertEquals(List.of(2, 13, 13), node.batches, "one aggregate3 per block from then on");
        assertEquals(13, snapshot.callCount());
        assertEquals(1_012, second.blockTimestamp());

        MarketState.AaveReserve weth = first.reserves().get(MarketState.reserveKey(POOL, "WETH"));
        assertEquals(new BigInteger("18000000000000000000000000"), weth.variableBorrowRateRay());
        assertEquals(0, new BigDecimal("0.15").compareTo(weth.reserveFactor()));
        assertEquals(0, new BigDecimal("12000").compareTo(weth.totalDebtEth()));
        assertEquals(0, new BigDecimal("8000").compareTo(weth.availableEth()));
        assertEquals(0, new BigDecimal("0.6").compareTo(weth.usage()));
        var pool = first.pools().get(CURVE);
        assertEquals(eth(4_800), pool.balances()[0]);
        assertEquals(eth(5_200), pool.balances()[1]);
        assertEquals(BigInteger.valueOf(100), pool.a());
        var market = first.pendleMarkets().get(MARKET);
        assertEquals(1_000 + 31_536_000L / 4, market.expiry());
        assertEquals(new BigInteger("50000000000000000"), market.lastLnImpliedRateWad());
        assertEquals(eth(20), market.scalarRoot());
        assertEquals(new BigInteger("999500333083533"), market.lnFeeRateRoot());
        assertEquals(BigInteger.valueOf(80), market.reserveFeePercent());
        assertEquals(eth(1_000), market.totalSy());
        assertEquals(new BigInteger("1070000000000000000"), market.syIndex(), "the SY's exchangeRate() is the AMM's index");
    }

    @Test
    void aFailedSubCallMakesOnlyItsItemUnavailable() {
        FakeNode node = new FakeNode();
        node.feeReverts = true;
        MarketState state = new MarketSnapshot(node, catalogue()).read(10, 1_000).await().indefinitely();
        assertTrue(state.pools().isEmpty());
        assertTrue(state.unavailable().get(CURVE).contains("fee()"), state.unavailable().toString());
        assertEquals(2, state.reserves().size());
        assertEquals(1, state.pendleMarkets().size());
    }

    @Test
    void snapshotToQuotes() {
        MarketState state = new MarketSnapshot(new FakeNode(), catalogue()).read(10, 1_000).await().indefinitely();
        var quoter = new io.lrtyield.yield.model.VenueQuoter(List.of(BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000"),
                new BigDecimal("10000")), new BigDecimal("90"));
        var ctx = new io.lrtyield.yield.model.VenueQuoter.Context(catalogue().contracts(), Map.of("wstETH", new BigDecimal("0.03")), Map.of());
        var provenance = new io.lrtyield.common.event.Provenance(31337, 10, "0xabc", 1_000);
        var quotes = io.lrtyield.yield.pipeline.MarketQuotePipeline.quoteAll(catalogue().venues(), state, quoter, provenance, ctx, BigDecimal.ONE);
        Map<String, io.lrtyield.common.event.YieldQuote> byId = new java.util.HashMap<>();
        quotes.forEach(q -> byId.put(q.venueId(), q));
        assertEquals(java.util.Set.of("aave-weth-supply", "aave-wsteth-loop", "curve-lp", "pendle-pt"), byId.keySet(), "broken-lp left out");
        var loop = byId.get("aave-wsteth-loop");
        assertEquals("10", loop.risk().get("leverage"));
        assertEquals("0", loop.risk().get("withdrawalDelaySeconds"));
        assertEquals(io.lrtyield.common.event.YieldQuote.idFor("aave-wsteth-loop", provenance), loop.eventId());
        assertEquals(4, byId.get("aave-weth-supply").sizeCurve().size());
        // 1.224 % supply APR → per-second APY
        assertEquals(0, io.lrtyield.yield.model.YieldMath.perSecondApy(new BigDecimal("0.01224")).compareTo(byId.get("aave-weth-supply").netApy()));
        var clamped = io.lrtyield.yield.pipeline.MarketQuotePipeline.quoteAll(catalogue().venues(), state, quoter, provenance, ctx,
                new BigDecimal("0.01"));
        assertTrue(clamped.stream().allMatch(q -> q.netApy().abs().compareTo(new BigDecimal("0.01")) <= 0));
        assertTrue(clamped.stream().filter(q -> q.venueId().equals("pendle-pt")).findFirst().orElseThrow().flags().stream()
                .anyMatch(f -> f.startsWith("clamped")));
    }

    static Multicall3.Result ok(String... words) {
        return new Multicall3.Result(true, HexFormat.of().parseHex(String.join("", words)));
    }

    static String word(BigInteger v) {
        String hex = v.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    static String address(String a) {
        return word(new BigInteger(a.substring(2).isEmpty() ? "0" : a.substring(2), 16));
    }

    static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}

package io.lrtyield.devnet.deploy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.codec.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DevnetCatalogueTest {

    private static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    private static final String STETH = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String WSTETH = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    private static final String ORACLE = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

    private static final String KELP_ORACLE = "0x00000000000000000000000000000000000000b7";
    private static final String PUFETH = "0x00000000000000000000000000000000000000c1";
    private static final String RSWETH = "0x00000000000000000000000000000000000000d1";

    private final Catalogue catalogue = DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7,
            addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10), KELP_ORACLE, addr(11),
            PUFETH, RSWETH, addr(12)));

    private static String addr(int n) {
        return String.format("0x%040x", n);
    }

    @Test
    void namesTheDeployedContracts() {
        assertEquals("devnet", catalogue.network());
        assertEquals(31337, catalogue.chainId());
        assertEquals(MULTICALL3, catalogue.multicall3());
        assertEquals(List.of("ETH", "WETH", "stETH", "wstETH", "rETH", "cbETH", "eETH", "weETH", "ezETH", "rsETH", "pufETH", "rswETH"),
                catalogue.assets().stream().map(Asset::symbol).toList());
        assertEquals(addr(12), catalogue.contracts().get("ethUsdFeed"));
        assertNull(catalogue.asset("ETH").orElseThrow().fundamentalRate());
    }

    @Test
    void rateSourcesReadTheReplicas() {
        Asset wstEth = catalogue.asset("wstETH").orElseThrow();
        assertEquals(WSTETH, wstEth.address());
        assertEquals("stETH", wstEth.underlying());
        assertEquals(new RateSource(WSTETH, "stEthPerToken", List.of(), 18, 0.15), wstEth.fundamentalRate());

        Asset stEth = catalogue.asset("stETH").orElseThrow();
        assertEquals(STETH, stEth.address());
        assertEquals(null, stEth.fundamentalRate(), "stETH rebases 1:1 with ETH; its yield is read through wstETH");
    }

    @Test
    void restakingRatesUseTheMainnetViews() {
        assertEquals(new RateSource(KELP_ORACLE, "rsETHPrice", List.of(), 18, 0.20), catalogue.asset("rsETH").orElseThrow().fundamentalRate());
        assertEquals(new RateSource(PUFETH, "convertToAssets", List.of(java.math.BigInteger.TEN.pow(18)), 18, 0.20),
                catalogue.asset("pufETH").orElseThrow().fundamentalRate());
        assertEquals("getRate", catalogue.asset("weETH").orElseThrow().fundamentalRate().function());
        assertEquals(new RateSource(RSWETH, "getRate", List.of(), 18, 0.20), catalogue.asset("rswETH").orElseThrow().fundamentalRate());
        Venue swell = catalogue.venue("swell-rsweth").orElseThrow();
        assertEquals(List.of("RESTAKING_TOKEN", "rswETH", "swell", 3, 12 * 86_400L),
                List.of(swell.kind(), swell.asset(), swell.protocol(), swell.riskTier(), swell.withdrawalDelaySeconds()));
        assertEquals(9, catalogue.venues().size());
        assertEquals(RateSource.TVL_PER_SUPPLY, catalogue.asset("ezETH").orElseThrow().fundamentalRate().method());
        assertEquals(VenueKind.RESTAKING_TOKEN, catalogue.venue("kelp-rseth").orElseThrow().venueKind());
    }

    @Test
    void venues() {
        Venue lido = catalogue.venue("lido-wsteth").orElseThrow();
        assertEquals(VenueKind.NATIVE_STAKING, lido.venueKind());
        assertEquals("wstETH", lido.asset());
        assertEquals("lido", lido.protocol());
        assertEquals(432_000, lido.withdrawalDelaySeconds());
        assertEquals(0.0, lido.protocolFee());
        assertEquals(VenueKind.IDLE, catalogue.venue("idle-eth").orElseThrow().venueKind());
        assertEquals(List.of(lido), catalogue.venuesOf("wstETH"));
    }

    @Test
    void marketsAddContractsAndVenues() {
        MarketDeployment m = new MarketDeployment(addr(20), addr(21), java.util.Map.of("stETH", addr(22), "rETH", addr(23)),
                addr(24), addr(25), addr(26), addr(27), addr(28), addr(29), addr(30), addr(31), 1_800_000_000L, addr(32),
                addr(33), addr(34), 600, addr(35), java.util.Map.of(), java.util.Map.of());
        Catalogue withMarkets = DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7,
                addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10), KELP_ORACLE, addr(11),
                PUFETH, RSWETH, addr(12), m));
        assertEquals(addr(22), withMarkets.contracts().get("stETHEthFeed"));
        assertEquals(addr(24), withMarkets.contracts().get("curveStEthWethPool"));
        assertEquals(addr(26), withMarkets.contracts().get("aavePool"));
        assertEquals(addr(35), withMarkets.contracts().get("strategyVault"));
        assertEquals(14, withMarkets.venues().size());
        assertEquals(VenueKind.LENDING_SUPPLY, withMarkets.venue("aave-weth-supply").orElseThrow().venueKind());
        assertEquals("WETH", withMarkets.venue("aave-weth-supply").orElseThrow().asset());
        assertEquals(VenueKind.LEVERAGED_LOOP, withMarkets.venue("aave-wsteth-loop").orElseThrow().venueKind());
        assertEquals(VenueKind.FIXED_YIELD_PT, withMarkets.venue("pendle-pt-weeth").orElseThrow().venueKind());
        assertEquals(VenueKind.LP, withMarkets.venue("curve-steth-weth-lp").orElseThrow().venueKind());
        assertEquals(600, withMarkets.venue("eigenlayer-steth").orElseThrow().withdrawalDelaySeconds());
        assertEquals(withMarkets, CatalogueLoader.parse(EventCodec.toJson(withMarkets)));
    }

    /** With Morpho Blue deployed: its contracts by name and a lending venue whose parameters are the wstETH market's id. */
    @Test
    void morphoAddsItsContractsAndAWethSupplyVenueOnTheWstEthMarket() {
        String weth = addr(1);
        io.lrtyield.common.lending.morpho.MarketParams p = new io.lrtyield.common.lending.morpho.MarketParams(weth, WSTETH, addr(42), addr(41),
                new java.math.BigInteger("945000000000000000"));
        MorphoDeployment morpho = new MorphoDeployment(addr(40), addr(41), java.util.Map.of("wstETH", new MorphoDeployment.Market(WSTETH, addr(42),
                p.lltv(), p.id(), java.math.BigInteger.TEN, java.math.BigInteger.ONE), "weETH", new MorphoDeployment.Market(addr(5), addr(43),
                new java.math.BigInteger("860000000000000000"), "0x" + "11".repeat(32), java.math.BigInteger.TEN, java.math.BigInteger.ONE)));
        MarketDeployment m = new MarketDeployment(addr(20), addr(21), java.util.Map.of(), addr(24), addr(25), addr(26), addr(27),
                addr(28), addr(29), addr(30), addr(31), 1_800_000_000L, addr(32), addr(33), addr(34), 600, addr(35), java.util.Map.of(),
                java.util.Map.of(), addr(36), addr(37), addr(38), addr(39), null, null, morpho);
        Catalogue c = DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7,
                weth, addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10), KELP_ORACLE, addr(11),
                PUFETH, RSWETH, addr(12), m));
        assertEquals(addr(40), c.contracts().get("morphoBlue"));
        assertEquals(addr(41), c.contracts().get("morphoAdaptiveCurveIrm"));
        assertEquals(addr(42), c.contracts().get("morphoOracleWstEthWeth"));
        assertEquals(addr(43), c.contracts().get("morphoOracleWeEthWeth"));
        assertEquals(15, c.venues().size(), "only the wstETH market is a venue");
        var v = c.venue(DevnetCatalogue.MORPHO_VENUE).orElseThrow();
        assertEquals(VenueKind.LENDING_SUPPLY, v.venueKind());
        assertEquals("morpho-blue", v.protocol());
        assertEquals("0.945", v.param("lltv").orElseThrow());
        assertEquals(p, io.lrtyield.common.lending.morpho.MorphoVenue.of(v, c).params());
        assertEquals(p.id(), v.param("marketId").orElseThrow());
        assertEquals(c, CatalogueLoader.parse(EventCodec.toJson(c)), "and the loader accepts it (the id is its parameters')");
    }

    @Test
    void etherfiVenueNamesItsWithdrawRequestNftWhereDeployed() {
        MarketDeployment m = new MarketDeployment(addr(20), addr(21), java.util.Map.of(), addr(24), addr(25), addr(26), addr(27),
                addr(28), addr(29), addr(30), addr(31), 1_800_000_000L, addr(32), addr(33), addr(34), 600, addr(35), java.util.Map.of(),
                java.util.Map.of(), addr(36), addr(37), addr(38), addr(39));
        Catalogue c = DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7,
                addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10), KELP_ORACLE, addr(11),
                PUFETH, RSWETH, addr(12), m));
        var etherfi = c.venue("etherfi-weeth").orElseThrow();
        assertEquals("etherfiWithdrawRequestNFT", etherfi.param("withdrawalQueue").orElseThrow());
        assertEquals("curveEEthWethPool", etherfi.param("exitPool").orElseThrow());
        assertEquals(addr(39), c.contracts().get("etherfiWithdrawRequestNFT"));
        assertEquals(DevnetCatalogue.ETHERFI_WITHDRAWAL_DELAY_SECONDS, etherfi.withdrawalDelaySeconds());
        assertEquals(c, CatalogueLoader.parse(EventCodec.toJson(c)));
        // a deployment without it: the DEX exit only
        MarketDeployment before = new MarketDeployment(addr(20), addr(21), java.util.Map.of(), addr(24), addr(25), addr(26), addr(27),
                addr(28), addr(29), addr(30), addr(31), 1_800_000_000L, addr(32), addr(33), addr(34), 600, addr(35), java.util.Map.of(),
                java.util.Map.of(), addr(36), addr(37), addr(38));
        Catalogue old = DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7,
                addr(1), addr(2), addr(3), addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10), KELP_ORACLE, addr(11),
                PUFETH, RSWETH, addr(12), before));
        assertTrue(old.venue("etherfi-weeth").orElseThrow().param("withdrawalQueue").isEmpty());
    }

    /** Every market: both feed families (heartbeat + 10 %) and one Uniswap v3 pool per priced asset. */
    private Catalogue fullMarkets() {
        java.util.Map<String, String> chainlink = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> redStone = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> uni = new java.util.LinkedHashMap<>();
        int n = 100;
        for (String asset : FundamentalRates.FEED_ASSETS) {
            chainlink.put(asset, addr(n++));
            redStone.put(asset, addr(n++));
        }
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            uni.put(asset, addr(n++));
        }
        MarketDeployment m = new MarketDeployment(addr(20), addr(21), chainlink, addr(24), addr(25), addr(26), addr(27), addr(28),
                addr(29), addr(30), addr(31), 1_800_000_000L, addr(32), addr(33), addr(34), 600, addr(35), redStone, uni);
        // WETH is 0x…10: below it rETH, cbETH, eETH, weETH, ezETH, rsETH (token0), above it stETH, wstETH, pufETH, rswETH (token1)
        return DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7, addr(16), addr(2), addr(3),
                addr(4), addr(5), addr(6), addr(7), addr(8), addr(9), addr(10), KELP_ORACLE, addr(11), PUFETH, RSWETH, addr(12), m),
                3_600, 21_600);
    }

    private static List<String> sources(Catalogue c, String asset) {
        return c.asset(asset).orElseThrow().market().sources().stream()
                .map(p -> p.id() + " " + p.kind() + " hb=" + p.heartbeatSeconds() + " i=" + p.coinIndex() + " scaled=" + p.scaleByFundamental())
                .toList();
    }

    @Test
    void tenPricedAssetsHaveAtLeastThreeMarketSources() {
        Catalogue c = fullMarkets();
        List<String> priced = c.assets().stream().filter(a -> a.market() != null && a.market().sources().size() >= 3)
                .map(Asset::symbol).toList();
        assertEquals(List.of("stETH", "wstETH", "rETH", "cbETH", "eETH", "weETH", "ezETH", "rsETH", "pufETH", "rswETH"), priced);

        assertEquals(List.of("chainlink-stETH-ETH CHAINLINK hb=3960 i=0 scaled=true", "redstone-stETH-ETH CHAINLINK hb=23760 i=0 scaled=true",
                "curve-stETH-WETH CURVE hb=0 i=1 scaled=true", "curve-ema-stETH-WETH CURVE_EMA hb=0 i=1 scaled=true",
                "uniswap-v3-wstETH-WETH UNISWAP_V3 hb=0 i=1 scaled=false"), sources(c, "wstETH"));
        assertEquals(List.of("chainlink-stETH-ETH CHAINLINK hb=3960 i=0 scaled=false", "redstone-stETH-ETH CHAINLINK hb=23760 i=0 scaled=false",
                "curve-stETH-WETH CURVE hb=0 i=1 scaled=false", "curve-ema-stETH-WETH CURVE_EMA hb=0 i=1 scaled=false",
                "uniswap-v3-stETH-WETH UNISWAP_V3 hb=0 i=1 scaled=false"), sources(c, "stETH"));
        assertEquals(List.of("chainlink-weETH-ETH CHAINLINK hb=3960 i=0 scaled=false", "redstone-weETH-ETH CHAINLINK hb=23760 i=0 scaled=false",
                "curve-eETH-WETH CURVE hb=0 i=1 scaled=true", "curve-ema-eETH-WETH CURVE_EMA hb=0 i=1 scaled=true",
                "uniswap-v3-weETH-WETH UNISWAP_V3 hb=0 i=0 scaled=false"), sources(c, "weETH"));
        assertEquals(List.of("curve-eETH-WETH CURVE hb=0 i=1 scaled=false", "curve-ema-eETH-WETH CURVE_EMA hb=0 i=1 scaled=false",
                "uniswap-v3-eETH-WETH UNISWAP_V3 hb=0 i=0 scaled=false"), sources(c, "eETH"));
        assertEquals(List.of("chainlink-rETH-ETH CHAINLINK hb=3960 i=0 scaled=false", "redstone-rETH-ETH CHAINLINK hb=23760 i=0 scaled=false",
                "uniswap-v3-rETH-WETH UNISWAP_V3 hb=0 i=0 scaled=false"), sources(c, "rETH"));
        for (String asset : List.of("cbETH", "ezETH", "rsETH", "pufETH", "rswETH")) {
            assertEquals(List.of("chainlink-" + asset + "-ETH", "redstone-" + asset + "-ETH", "uniswap-v3-" + asset + "-WETH"),
                    c.asset(asset).orElseThrow().market().sources().stream().map(p -> p.id()).toList(), asset);
        }
        assertEquals(1, c.asset("pufETH").orElseThrow().market().sources().get(2).coinIndex());
        assertEquals(c.contracts().get("rswETHRedStoneFeed"), c.asset("rswETH").orElseThrow().market().sources().get(1).contract());
        assertEquals(c.contracts().get("rswETHUniV3Pool"), c.asset("rswETH").orElseThrow().market().sources().get(2).contract());
        assertEquals(c.contracts().get("pufETHEthFeed"), c.asset("pufETH").orElseThrow().market().sources().get(0).contract());
        assertEquals(c, CatalogueLoader.parse(EventCodec.toJson(c)));
    }

    @Test
    void servedJsonPassesTheLoaderAndRoundTrips() {
        String json = EventCodec.toJson(catalogue);
        assertTrue(json.contains("\"function\":\"stEthPerToken\",\"args\":[]"), json);
        assertEquals(catalogue, CatalogueLoader.parse(json));
    }
}

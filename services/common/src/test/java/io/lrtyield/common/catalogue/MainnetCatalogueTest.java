package io.lrtyield.common.catalogue;

import io.lrtyield.common.chain.UintViewCall;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The shipped mainnet catalogue: real addresses and selectors from shared/reference/mainnet-contracts.md. */
class MainnetCatalogueTest {

    private final Catalogue mainnet = CatalogueLoader.load("classpath:catalogues/mainnet.json");

    MainnetCatalogueTest() throws Exception {
    }

    @Test
    void infrastructureAndChain() {
        assertEquals(1, mainnet.chainId());
        assertEquals("0xcA11bde05977b3631167028862bE2a173976CA11", mainnet.multicall3());
    }

    @Test
    void everyRateViewHasTheReferenceSelectorAndAddress() {
        Map<String, String[]> expected = Map.of(
                "wstETH", new String[] {"0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0", "0x035faf82"},
                "rETH", new String[] {"0xae78736Cd615f374D3085123A210448E74Fc6393", "0xe6aa216c"},
                "cbETH", new String[] {"0xBe9895146f7AF43049ca1c1AE358B0541Ea49704", "0x3ba0b9a9"},
                "weETH", new String[] {"0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee", "0x679aefce"},
                "rsETH", new String[] {"0x349A73444b1a310BAe67ef67973022020d70020d", "0xb4b46434"});
        expected.forEach((symbol, contractAndSelector) -> {
            RateSource source = mainnet.asset(symbol).orElseThrow().fundamentalRate();
            assertEquals(contractAndSelector[0], source.contract(), symbol + " rate contract");
            assertEquals(contractAndSelector[1], new UintViewCall(source.function(), source.args()).encode(), symbol + " selector");
            assertEquals(18, source.decimals());
        });
        assertNull(mainnet.asset("stETH").orElseThrow().fundamentalRate(), "stETH rebases 1:1; its rate is wstETH's");
        RateSource pufEth = mainnet.asset("pufETH").orElseThrow().fundamentalRate();
        assertEquals("0xD9A442856C234a39a81a089C06451EBAa4306a72", pufEth.contract(), "PufferVault");
        assertEquals("0x07a2d13a" + "0000000000000000000000000000000000000000000000000de0b6b3a7640000",
                new UintViewCall(pufEth.function(), pufEth.args()).encode(), "convertToAssets(1e18)");
        assertEquals("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419", mainnet.contracts().get("ethUsdFeed"));
        assertEquals("0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2", mainnet.contracts().get("aavePool"));
    }

    @Test
    void everyVenueHoldsAKnownAssetOfAKnownKind() {
        assertEquals(13, mainnet.venues().size());
        RateSource ezEth = mainnet.asset("ezETH").orElseThrow().fundamentalRate();
        assertEquals(RateSource.TVL_PER_SUPPLY, ezEth.method());
        assertEquals("0x74a09653A083691711cF8215a6ab074BB4e99ef5", ezEth.contract(), "Renzo RestakeManager");
        assertEquals("0xbf5495Efe5DB9ce00f80364C8B423567e58d2110", ezEth.supplyToken(), "ezETH");
        mainnet.venues().forEach(v -> {
            v.venueKind();
            assertEquals(true, mainnet.asset(v.asset()).isPresent(), v.id());
        });
        assertEquals(VenueKind.RESTAKING_TOKEN, mainnet.venue("etherfi-weeth").orElseThrow().venueKind());
    }

    /** Market venues name their contracts by catalogue name, and the loop's parameters are eMode-consistent. */
    @Test
    void marketVenuesNameCataloguedContracts() {
        for (String id : new String[] {"aave-wsteth-supply", "aave-wsteth-loop", "curve-steth-eth-lp"}) {
            String pool = mainnet.venue(id).orElseThrow().param("pool").orElseThrow();
            assertEquals(true, mainnet.contracts().containsKey(pool), id + " pool " + pool);
        }
        Venue loop = mainnet.venue("aave-wsteth-loop").orElseThrow();
        assertEquals(-1, loop.decimalParam("targetLtv", null).compareTo(loop.decimalParam("liquidationThreshold", null)));
        assertEquals("0,0.027,0.8,0.9", loop.param("borrowRateModel").orElseThrow());
        assertEquals(0, new java.math.BigDecimal("24").compareTo(
                mainnet.venue("eigenlayer-steth").orElseThrow().decimalParam("pointsPerEthPerDay", null)));
        assertEquals(java.util.Map.of(), mainnet.venue("rocketpool-reth").orElseThrow().params(), "params are optional");
        assertEquals("curveStEthEthPool", mainnet.venue("lido-wsteth").orElseThrow().param("exitPool").orElseThrow());
    }

    /**
     * Morpho Blue's wstETH/WETH 94.5 % market: its parameters (WETH, wstETH, the oracle, the AdaptiveCurveIrm, LLTV 0.945)
     * hash to the market id the catalogue names, as third parties publish it (DefiLlama's morpho-blue adapter, DeFi Saver).
     * The hash ties the five values together; that the id is the live market is to confirm on chain:
     * {@code idToMarketParams(id)} on 0xBBBBBbbBBb9cC5e90e3b3Af64bdAF62C37EEFFCb must return them (reference: [3p] addresses).
     */
    @Test
    void theMorphoVenuesMarketIdIsTheKeccakOfItsParameters() {
        Venue v = mainnet.venue("morpho-weth-supply").orElseThrow();
        io.lrtyield.common.lending.morpho.MorphoVenue m = io.lrtyield.common.lending.morpho.MorphoVenue.of(v, mainnet);
        assertEquals("0xbbbbbbbbbb9cc5e90e3b3af64bdaf62c37eeffcb", m.morpho());
        assertEquals(new io.lrtyield.common.lending.morpho.MarketParams("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
                "0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0", "0x2a01EB9496094dA03c4E364Def50f5aD1280AD72",
                "0x870aC11D48B15DB9a138Cf899d20F13F79Ba00BC", new java.math.BigInteger("945000000000000000")), m.params());
        assertEquals("0xc54d7acf14de29e0e5527cabd7a576506870346a78a11a6762e2cca66322ec41", m.marketId());
        assertEquals(VenueKind.LENDING_SUPPLY, v.venueKind());
        assertEquals("morpho-blue", v.protocol());
    }
}

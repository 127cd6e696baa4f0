package io.lrtyield.devnet.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioRequestsTest {

    private static final List<String> VENUES = List.of("lido-wsteth", "aave-weth-supply", "idle-eth");

    @Test
    void validBodiesParse() {
        assertEquals(new ScenarioRequests.Depeg("stETH", 300, 20), ScenarioRequests.depeg("{\"asset\":\"stETH\",\"bps\":300,\"blocks\":20}"));
        assertEquals(new ScenarioRequests.Depeg("weETH", 5000, 1), ScenarioRequests.depeg("{\"asset\":\"weETH\",\"bps\":5000,\"blocks\":1}"));
        assertEquals(new ScenarioRequests.RateSpike("aave-weth", 1500, 10),
                ScenarioRequests.rateSpike("{\"market\":\"aave-weth\",\"borrowAprBps\":1500,\"blocks\":10}"));
        assertEquals(new ScenarioRequests.StaleOracle("rETH", 5), ScenarioRequests.staleOracle("{\"asset\":\"rETH\",\"blocks\":5}"));
        assertEquals(new ScenarioRequests.PauseVenue("lido-wsteth"), ScenarioRequests.pauseVenue("{\"venue\":\"lido-wsteth\"}", VENUES));
    }

    @Test
    void issuerScenarioBodiesParseAndAnUnsupportedAssetOrABadOracleIsRefused() {
        assertEquals("ezETH", ScenarioRequests.issuerAsset("{\"asset\":\"ezETH\"}"));
        assertEquals(new ScenarioRequests.OracleChange("rsETH", null), ScenarioRequests.oracleChange("{\"asset\":\"rsETH\"}"));
        String feed = "0x00000000000000000000000000000000000000fE";
        assertEquals(new ScenarioRequests.OracleChange("ezETH", feed), ScenarioRequests.oracleChange("{\"asset\":\"ezETH\",\"oracle\":\"" + feed + "\"}"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.issuerAsset("{}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.oracleChange("{\"asset\":\"rsETH\",\"oracle\":\"0x12\"}"))
                .getMessage().contains("'oracle' must be an address"));
        // which assets an issuer can pause or re-oracle is the scenarios' to say, before any transaction
        var issuers = new IssuerAdminScenarios(null, null, new Object());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> issuers.pause("stETH")).getMessage().contains("[ezETH, rsETH, weETH]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> issuers.oracleChange("weETH", null)).getMessage().contains("[ezETH, rsETH]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"asset\":\"DOGE\",\"bps\":300,\"blocks\":20}",  // unknown asset
            "{\"asset\":\"stETH\",\"bps\":-1,\"blocks\":20}",  // negative bps
            "{\"asset\":\"stETH\",\"bps\":5001,\"blocks\":20}", // above 50 %
            "{\"asset\":\"stETH\",\"bps\":300,\"blocks\":0}",  // blocks < 1
            "{\"asset\":\"stETH\",\"bps\":3.5,\"blocks\":20}", // not an integer
            "{\"asset\":\"stETH\",\"bps\":300}",               // missing blocks
            "{\"bps\":300,\"blocks\":20}",                     // missing asset
            "{\"asset\":\"stETH\",\"bps\":300,",               // malformed JSON
            "[1,2]",                                           // not an object
            ""})
    void badDepegBodiesAreRejected(String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.depeg(body));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void badRateSpikeStaleAndPauseBodiesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ScenarioRequests.rateSpike("{\"market\":\"compound\",\"borrowAprBps\":1500,\"blocks\":10}"));
        assertThrows(IllegalArgumentException.class,
                () -> ScenarioRequests.rateSpike("{\"market\":\"aave-weth\",\"borrowAprBps\":6000,\"blocks\":10}"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.staleOracle("{\"asset\":\"rETH\",\"blocks\":-3}"));
        assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.staleOracle("{\"asset\":\"USDC\",\"blocks\":3}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.pauseVenue("{\"venue\":\"nope\"}", VENUES))
                .getMessage().contains("unknown venue"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.pauseVenue("{\"venue\":\"idle-eth\"}", VENUES))
                .getMessage().contains("no pause"));
    }

    @Test
    void ethUsdAndOracleJumpBodiesParse() {
        assertEquals(new ScenarioRequests.EthUsd(new BigDecimal("2500"), OptionalLong.of(20)),
                ScenarioRequests.ethUsd("{\"usd\":2500.0,\"blocks\":20}"));
        assertEquals(new ScenarioRequests.EthUsd(new BigDecimal("3012.45"), OptionalLong.empty()),
                ScenarioRequests.ethUsd("{\"usd\":3012.45}"));
        assertEquals(new ScenarioRequests.EthUsd(new BigDecimal("0.00000001"), OptionalLong.empty()),
                ScenarioRequests.ethUsd("{\"usd\":0.00000001}"));
        assertEquals(new ScenarioRequests.OracleJump("rETH", 1500, 20),
                ScenarioRequests.oracleJump("{\"asset\":\"rETH\",\"bps\":1500,\"blocks\":20}"));
        assertEquals(new ScenarioRequests.OracleJump("stETH", -5000, 1),
                ScenarioRequests.oracleJump("{\"asset\":\"stETH\",\"bps\":-5000,\"blocks\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"usd\":0}",                        // not above 0
            "{\"usd\":-2500}",                    // negative
            "{\"usd\":1000000.01}",               // above the typo guard
            "{\"usd\":2500.123456789}",           // more decimals than the feed's 8
            "{\"usd\":\"2500\"}",                 // a string, not a number
            "{\"blocks\":20}",                     // missing usd
            "{\"usd\":2500,\"blocks\":0}",         // blocks < 1
            "{\"usd\":2500,\"blocks\":2.5}",       // blocks not an integer
            "{\"usd\":2500,",                      // malformed JSON
            ""})
    void badEthUsdBodiesAreRejected(String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.ethUsd(body));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"asset\":\"rETH\",\"bps\":0,\"blocks\":20}",      // no jump
            "{\"asset\":\"rETH\",\"bps\":5001,\"blocks\":20}",   // above 50 %
            "{\"asset\":\"rETH\",\"bps\":-5001,\"blocks\":20}",  // below -50 %
            "{\"asset\":\"rETH\",\"bps\":99999999999,\"blocks\":20}", // beyond an int
            "{\"asset\":\"rETH\",\"bps\":15.5,\"blocks\":20}",   // not an integer
            "{\"asset\":\"rETH\",\"bps\":1500}",                 // missing blocks
            "{\"asset\":\"eETH\",\"bps\":1500,\"blocks\":20}",   // no market feed
            "{\"bps\":1500,\"blocks\":20}"})                        // missing asset
    void badOracleJumpBodiesAreRejected(String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioRequests.oracleJump(body));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}

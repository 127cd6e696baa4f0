package io.lrtyield.common.catalogue;

import com.sun.net.httpserver.HttpServer;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.codec.EventDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CatalogueLoaderTest {

    private static final String CATALOGUE = """
            {
              "network": "mainnet",
              "chainId": 1,
              "contracts": {"multicall3": "0xcA11bde05977b3631167028862bE2a173976CA11"},
              "assets": [
                {"symbol": "ETH", "decimals": 18, "underlying": "ETH"},
                {"symbol": "stETH", "address": "0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", "decimals": 18, "underlying": "ETH",
                 "fundamentalRate": {"contract": "0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", "function": "getPooledEthByShares",
                                     "args": ["1000000000000000000"], "decimals": 18, "maxAnnualGrowth": 0.15}}
              ],
              "venues": [
                {"id": "lido-steth", "kind": "NATIVE_STAKING", "asset": "STETH", "protocol": "lido", "riskTier": 2,
                 "withdrawalDelaySeconds": 432000, "protocolFee": 0.1, "futureField": true}
              ],
              "comment": "unknown top-level fields are ignored"
            }
            """;

    @Test
    void parsesEveryField() {
        Catalogue c = CatalogueLoader.parse(CATALOGUE);
        assertEquals("mainnet", c.network());
        assertEquals(1, c.chainId());
        assertEquals("0xcA11bde05977b3631167028862bE2a173976CA11", c.multicall3());
        assertEquals(2, c.assets().size());

        Asset eth = c.asset("ETH").orElseThrow();
        assertNull(eth.address());
        assertNull(eth.fundamentalRate());

        Asset stEth = c.asset("steth").orElseThrow(); // symbols match case-insensitively
        assertEquals("stETH", stEth.symbol());
        assertEquals(18, stEth.decimals());
        RateSource rate = stEth.fundamentalRate();
        assertEquals("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", rate.contract());
        assertEquals("getPooledEthByShares", rate.function());
        assertEquals(List.of(BigInteger.TEN.pow(18)), rate.args());
        assertEquals(18, rate.decimals());
        assertEquals(0.15, rate.maxAnnualGrowth());

        Venue venue = c.venue("lido-steth").orElseThrow();
        assertEquals(new Venue("lido-steth", "NATIVE_STAKING", "STETH", "lido", 2, 432_000, 0.1), venue);
        assertEquals(VenueKind.NATIVE_STAKING, venue.venueKind());
        assertEquals(List.of(venue), c.venuesOf("stETH"));
        assertTrue(c.venue("nope").isEmpty());
    }

    @Test
    void numericRateArgumentsAreAcceptedToo() {
        Catalogue c = CatalogueLoader.parse(CATALOGUE.replace("[\"1000000000000000000\"]", "[1000000000000000000]"));
        assertEquals(List.of(BigInteger.TEN.pow(18)), c.asset("stETH").orElseThrow().fundamentalRate().args());
    }

    @Test
    void unknownVenueKindIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogueLoader.parse(CATALOGUE.replace("\"NATIVE_STAKING\"", "\"YIELD_FARM\"")));
        assertTrue(e.getMessage().contains("YIELD_FARM"), e.getMessage());
    }

    @Test
    void unknownAssetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogueLoader.parse(CATALOGUE.replace("\"asset\": \"STETH\"", "\"asset\": \"rETH\"")));
        assertEquals("venue lido-steth holds unknown asset rETH", e.getMessage());
    }

    @Test
    void chainIdMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogueLoader.parse(CATALOGUE.replace("\"chainId\": 1,", "\"chainId\": 0,")));
        assertEquals("catalogue needs a positive chainId", e.getMessage());
    }

    @Test
    void malformedJsonIsRejected() {
        assertThrows(EventDecodingException.class, () -> CatalogueLoader.parse("{\"network\": "));
    }

    @Test
    void missingMulticall3IsAClearError() {
        Catalogue c = CatalogueLoader.parse(CATALOGUE.replace("\"multicall3\"", "\"other\""));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::multicall3);
        assertEquals("catalogue mainnet names no multicall3 contract", e.getMessage());
    }

    @Test
    void loadsFromTheClasspath() throws IOException {
        Catalogue c = CatalogueLoader.load("classpath:catalogues/test-catalogue.json");
        assertEquals("test", c.network());
        assertEquals(31337, c.chainId());
        assertEquals(List.of("idle-eth", "lido-wsteth"), c.venues().stream().map(Venue::id).toList());
        assertEquals(VenueKind.IDLE, c.venue("idle-eth").orElseThrow().venueKind());
        assertEquals("stEthPerToken", c.asset("wstETH").orElseThrow().fundamentalRate().function());
        assertEquals(List.of(), c.asset("wstETH").orElseThrow().fundamentalRate().args());

        IOException missing = assertThrows(IOException.class, () -> CatalogueLoader.load("classpath:catalogues/missing.json"));
        assertEquals("no catalogue resource catalogues/missing.json", missing.getMessage());
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("catalogue.json"), CATALOGUE);
        assertEquals(CatalogueLoader.parse(CATALOGUE), CatalogueLoader.load(file.toString()));
    }

    @Test
    void loadsOverHttpAndRejectsNon200() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/catalogue.json", exchange -> {
            byte[] body = CATALOGUE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(CatalogueLoader.parse(CATALOGUE), CatalogueLoader.load(base + "/catalogue.json"));
            IOException e = assertThrows(IOException.class, () -> CatalogueLoader.load(base + "/gone"));
            assertTrue(e.getMessage().endsWith("answered HTTP 404"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void serialisedCatalogueParsesBackEqual() {
        Catalogue c = CatalogueLoader.parse(CATALOGUE);
        assertEquals(c, CatalogueLoader.parse(EventCodec.toJson(c)));
    }
}

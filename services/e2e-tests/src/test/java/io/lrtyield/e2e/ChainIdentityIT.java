package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A price-service given the mainnet catalogue but pointed at the devnet's Anvil (chain 31337) refuses to price: the
 * wrong contracts would be read. It stays unready with the reason and publishes nothing.
 */
class ChainIdentityIT {

    private static final int PORT = 18092;
    private static final SystemUnderTest system = new SystemUnderTest();

    @BeforeAll
    static void start() throws Exception {
        system.startOne("price-service", PORT, Map.of("CATALOGUE", "classpath:catalogues/mainnet.json"));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void aCatalogueForAnotherChainIsRefusedWithTheReason() throws Exception {
        JsonNode check = Eventually.await(Duration.ofSeconds(60), "the chain-identity check to report the mismatch", () -> {
            JsonNode body = EventCodec.mapper().readTree(SystemUnderTest.get(PORT, "/q/health/ready").body());
            for (JsonNode c : body.path("checks")) {
                if ("chain-identity".equals(c.path("name").asText()) && c.path("data").path("reason").asText().contains("serves chain")) {
                    return c;
                }
            }
            return null;
        });
        assertEquals("DOWN", check.path("status").asText());
        assertEquals("catalogue mainnet is for chain 1 but the RPC node serves chain 31337", check.path("data").path("reason").asText());
        var health = SystemUnderTest.get(PORT, "/q/health/ready");
        assertEquals(503, health.statusCode());
        Thread.sleep(3_000); // several blocks pass: a pipeline that ignored the check would have priced by now
        var prices = SystemUnderTest.get(PORT, "/api/v1/prices/wstETH");
        assertEquals(404, prices.statusCode(), "no tick is ever published: " + prices.body());
        assertTrue(prices.body().contains("No price yet"), prices.body());
    }
}

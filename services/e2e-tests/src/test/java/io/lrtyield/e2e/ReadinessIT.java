package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness tells the truth: a price-service whose RPC node, Redis and Kafka are all unreachable is alive but not
 * ready, and each check says why. The catalogue (mainnet, from the classpath) still loads.
 */
class ReadinessIT {

    private static final int PORT = 18091;
    private static final SystemUnderTest system = new SystemUnderTest();

    @BeforeAll
    static void start() throws Exception {
        system.startOne("price-service", PORT, Map.of(
                "CHAIN_RPC_URLS", "http://127.0.0.1:9",
                "CHAIN_WS_URL", "ws://127.0.0.1:9",
                "REDIS_URL", "redis://127.0.0.1:9",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                "CATALOGUE", "classpath:catalogues/mainnet.json"));
        Eventually.await(Duration.ofSeconds(60), "price-service liveness", () ->
                SystemUnderTest.get(PORT, "/q/health/live").statusCode() == 200 ? true : null);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void unreachableDependenciesMakeTheServiceUnreadyWithReasons() throws Exception {
        JsonNode health = Eventually.await(Duration.ofSeconds(30), "readiness to report all three dependencies down and the catalogue up", () -> {
            var response = SystemUnderTest.get(PORT, "/q/health/ready");
            JsonNode body = EventCodec.mapper().readTree(response.body());
            Map<String, String> status = statuses(body);
            boolean allDown = "DOWN".equals(status.get("chain")) && "DOWN".equals(status.get("Redis connection health check"))
                    && status.entrySet().stream().anyMatch(e -> e.getKey().contains("Reactive Messaging") && "DOWN".equals(e.getValue()));
            // the catalogue loads in the background: wait for it too, it is the one dependency that is there
            return response.statusCode() == 503 && allDown && "UP".equals(status.get("catalogue")) ? body : null;
        });
        assertEquals("DOWN", health.path("status").asText());
        Map<String, String> status = statuses(health);
        assertEquals("UP", status.get("catalogue"), "the mainnet catalogue loads from the classpath: " + health);
        String chain = check(health, "chain").path("data").path("reason").asText();
        assertTrue(chain.startsWith("no block received yet"), chain);
        assertEquals(200, SystemUnderTest.get(PORT, "/q/health/live").statusCode(), "alive, just not ready");
    }

    private static Map<String, String> statuses(JsonNode health) {
        Map<String, String> status = new HashMap<>();
        health.path("checks").forEach(c -> status.put(c.path("name").asText(), c.path("status").asText()));
        return status;
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}

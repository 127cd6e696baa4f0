package io.lrtyield.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The page and its bundled chart library are served; the forwarder passes method, path, query, bearer token and body
 * to the upstream and brings back its status, content type and body unchanged — against a stand-in upstream.
 */
@QuarkusTest
@QuarkusTestResource(ConsoleTest.Upstream.class)
class ConsoleTest {

    /** A stand-in for the services: echoes what it was asked, answers 403 problem+json on /api/v1/admin/…. */
    public static class Upstream implements QuarkusTestResourceLifecycleManager {
        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                if (req.path().startsWith("/api/v1/admin/")) {
                    req.response().setStatusCode(403).putHeader("Content-Type", "application/problem+json")
                            .end("{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"the token's roles do not allow this action\"}");
                    return;
                }
                req.response().putHeader("Content-Type", "application/json").end("{\"method\":\"" + req.method() + "\",\"uri\":\"" + req.uri()
                        + "\",\"auth\":\"" + req.getHeader("Authorization") + "\",\"body\":" + (body.length() == 0 ? "null" : body) + "}");
            }));
            try {
                server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String url = "http://127.0.0.1:" + server.actualPort();
            return Map.of("console.price-url", url, "console.yield-url", url, "console.rebalancer-url", url, "console.devnet-url", "");
        }

        @Override
        public void stop() {
            if (vertx != null) {
                vertx.close();
            }
        }
    }

    @Test
    void thePageAndItsBundledChartLibraryAreServed() {
        given().get("/").then().statusCode(200).body(containsString("vendor/uPlot.iife.min.js"), not(containsString("cdn")));
        given().get("/vendor/uPlot.iife.min.js").then().statusCode(200).body(containsString("uPlot"));
        given().get("/js/app.js").then().statusCode(200);
        given().get("/api/console").then().statusCode(200).body("devnet", equalTo(false));
    }

    @Test
    void aForwardedCallKeepsItsMethodPathQueryTokenAndBody() {
        given().header("Authorization", "Bearer abc").contentType("application/json").body("{\"reason\":\"x\"}")
                .post("/api/rebalancer/v1/plans/p1/reject?x=1").then().statusCode(200)
                .body("method", equalTo("POST")).body("uri", equalTo("/api/v1/plans/p1/reject?x=1"))
                .body("auth", equalTo("Bearer abc")).body("body.reason", equalTo("x"));
    }

    @Test
    void theUpstreamsRefusalComesBackUnchanged() {
        given().post("/api/rebalancer/v1/admin/pause").then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("the token's roles do not allow this action"));
    }

    @Test
    void onlyTheVersionedApisOfKnownServicesAreForwarded() {
        given().get("/api/devnet/v1/catalogue").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Unknown service"));
        given().get("/api/price/q/metrics").then().statusCode(404);
        given().delete("/api/price/v1/prices").then().statusCode(405);
    }
}

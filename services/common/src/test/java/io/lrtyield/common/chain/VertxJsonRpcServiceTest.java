package io.lrtyield.common.chain;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthChainId;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.*;

/** The transport against a real local HTTP server that plays a JSON-RPC node with scripted faults. */
class VertxJsonRpcServiceTest {

    /** A scripted answer; null from a script means "never answer". */
    record Reply(int status, String body) {
    }

    private static Vertx vertx;
    private static int port;
    private static final Map<String, BiFunction<Integer, String, Reply>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<VertxJsonRpcService> services = new ArrayList<>();

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.bodyHandler(body -> {
            String path = request.path();
            int hit = HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            BiFunction<Integer, String, Reply> script = SCRIPTS.getOrDefault(path, (n, b) -> new Reply(404, "no script"));
            Reply reply = script.apply(hit, body.toString());
            if (reply != null) {
                request.response().setStatusCode(reply.status()).putHeader("content-type", "application/json").endAndForget(reply.body());
            }
        })).listenAndAwait(0, "127.0.0.1");
        port = server.actualPort();
    }

    @AfterAll
    static void stopNode() {
        vertx.closeAndAwait();
    }

    @AfterEach
    void closeServices() {
        services.forEach(VertxJsonRpcService::close);
    }

    private static String script(String path, BiFunction<Integer, String, Reply> script) {
        SCRIPTS.put(path, script);
        HITS.put(path, new AtomicInteger());
        return "http://127.0.0.1:" + port + path;
    }

    private static int hits(String path) {
        return HITS.get(path).get();
    }

    private static Reply result(String requestBody, String result) {
        Object id = new JsonObject(requestBody).getValue("id");
        return new Reply(200, new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result).encode());
    }

    private Web3j web3j(Duration callTimeout, int attempts, String... uris) {
        VertxJsonRpcService service = new VertxJsonRpcService(vertx, new RpcSettings(
                java.util.Arrays.stream(uris).map(URI::create).toList(), callTimeout, attempts,
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10), 0, 4), meters);
        services.add(service);
        return Web3j.build(service);
    }

    private static RpcException rpcFailure(Throwable thrown) {
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        return assertInstanceOf(RpcException.class, cause);
    }

    @Test
    void retriesServerErrorsUntilTheNodeAnswers() throws Exception {
        String uri = script("/flaky", (hit, body) -> hit <= 2 ? new Reply(503, "busy") : result(body, "0x10"));
        EthBlockNumber response = web3j(Duration.ofSeconds(2), 4, uri).ethBlockNumber().sendAsync().get(5, SECONDS);
        assertEquals(BigInteger.valueOf(16), response.getBlockNumber());
        assertEquals(3, hits("/flaky"));

        Timer ok = meters.find("rpc.call.duration").tags("method", "eth_blockNumber", "outcome", "ok").timer();
        Timer error = meters.find("rpc.call.duration").tags("method", "eth_blockNumber", "outcome", "error").timer();
        assertNotNull(ok);
        assertNotNull(error);
        assertEquals(1, ok.count());
        assertEquals(2, error.count());
        assertEquals("127.0.0.1:" + port, ok.getId().getTag("endpoint"), "host and port only, never the path");
    }

    @Test
    void failsOverToTheHealthyEndpointAndRemembersIt() throws Exception {
        String down = script("/down", (hit, body) -> new Reply(500, "boom"));
        String healthy = script("/healthy", (hit, body) -> result(body, "0x2a"));
        Web3j web3j = web3j(Duration.ofSeconds(2), 3, down, healthy);

        assertEquals(BigInteger.valueOf(42), web3j.ethBlockNumber().sendAsync().get(5, SECONDS).getBlockNumber());
        assertEquals(1, hits("/down"));
        assertEquals(1, hits("/healthy"));

        assertEquals(BigInteger.valueOf(42), web3j.ethBlockNumber().sendAsync().get(5, SECONDS).getBlockNumber());
        assertEquals(1, hits("/down"), "the failed endpoint is skipped while it is marked unhealthy");
        assertEquals(2, hits("/healthy"));
    }

    @Test
    void failsOverFromAClosedPort() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String healthy = script("/after-refused", (hit, body) -> result(body, "0x7"));
        Web3j web3j = web3j(Duration.ofSeconds(2), 2, "http://127.0.0.1:" + closedPort + "/", healthy);
        assertEquals(BigInteger.valueOf(7), web3j.ethBlockNumber().sendAsync().get(5, SECONDS).getBlockNumber());
        assertEquals(1, hits("/after-refused"));
    }

    @Test
    void jsonRpcErrorIsAnAnswerNotARetry() throws Exception {
        String uri = script("/reverted", (hit, body) -> new Reply(200, new JsonObject().put("jsonrpc", "2.0")
                .put("id", new JsonObject(body).getValue("id"))
                .put("error", new JsonObject().put("code", -32000).put("message", "execution reverted")).encode()));
        EthBlockNumber response = web3j(Duration.ofSeconds(2), 4, uri).ethBlockNumber().sendAsync().get(5, SECONDS);
        assertTrue(response.hasError());
        assertEquals(-32000, response.getError().getCode());
        assertEquals("execution reverted", response.getError().getMessage());
        assertEquals(1, hits("/reverted"));
    }

    @Test
    void aProvidersTransientJsonRpcErrorIsRetriedOnTheNextEndpoint() throws Exception {
        // a rate-limited provider answers HTTP 200 with error -32005; a node behind the head says "header not found"
        String limited = script("/rate-limited", (hit, body) -> new Reply(200, new JsonObject().put("jsonrpc", "2.0")
                .put("id", new JsonObject(body).getValue("id"))
                .put("error", new JsonObject().put("code", -32005).put("message", "daily request count exceeded, request rate limited")).encode()));
        String lagging = script("/lagging", (hit, body) -> hit == 1 ? new Reply(200, new JsonObject().put("jsonrpc", "2.0")
                .put("id", new JsonObject(body).getValue("id"))
                .put("error", new JsonObject().put("code", -32000).put("message", "header not found")).encode()) : result(body, "0x2b"));
        Web3j web3j = web3j(Duration.ofSeconds(2), 4, limited, lagging);
        assertEquals(BigInteger.valueOf(43), web3j.ethBlockNumber().sendAsync().get(5, SECONDS).getBlockNumber());
        // limited → lagging ("header not found") → both unhealthy: the one that failed longest ago, still limited → lagging, answers
        assertEquals(2, hits("/rate-limited"));
        assertEquals(2, hits("/lagging"), "header not found at the head: asked again");
    }

    @Test
    void aTransientErrorThatPersistsFailsAfterTheLastAttempt() {
        String uri = script("/always-limited", (hit, body) -> new Reply(200, new JsonObject().put("jsonrpc", "2.0")
                .put("id", new JsonObject(body).getValue("id"))
                .put("error", new JsonObject().put("code", -32005).put("message", "limit exceeded")).encode()));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> web3j(Duration.ofSeconds(2), 3, uri).ethBlockNumber().sendAsync().get(5, SECONDS));
        assertTrue(rpcFailure(e).getMessage().contains("JSON-RPC error -32005 limit exceeded"), rpcFailure(e).getMessage());
        assertEquals(3, hits("/always-limited"));
    }

    @Test
    void clientErrorFailsWithoutRetry() {
        String uri = script("/bad-request", (hit, body) -> new Reply(400, "bad request"));
        Web3j web3j = web3j(Duration.ofSeconds(2), 4, uri);
        ExecutionException e = assertThrows(ExecutionException.class, () -> web3j.ethBlockNumber().sendAsync().get(5, SECONDS));
        RpcException failure = rpcFailure(e);
        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("HTTP 400"), failure.getMessage());
        assertEquals(1, hits("/bad-request"));
    }

    @Test
    void silentNodeTimesOutAfterTheLastAttempt() {
        String uri = script("/silent", (hit, body) -> null);
        Web3j web3j = web3j(Duration.ofMillis(200), 2, uri);
        long started = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class, () -> web3j.ethBlockNumber().sendAsync().get(5, SECONDS));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        RpcException failure = rpcFailure(e);
        assertTrue(failure.retryable(), "a timeout is a transport fault");
        assertTrue(elapsedMillis >= 400 && elapsedMillis < 3_000, "took " + elapsedMillis + " ms");
        assertEquals(2, hits("/silent"));
    }

    @Test
    void batchResponsesAreMatchedById() throws Exception {
        String uri = script("/batch", (hit, body) -> {
            JsonArray requests = new JsonArray(body);
            JsonArray answers = new JsonArray();
            for (int i = requests.size() - 1; i >= 0; i--) { // answered out of order
                JsonObject request = requests.getJsonObject(i);
                String result = request.getString("method").equals("eth_chainId") ? "0x7a69" : "0x10";
                answers.add(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id")).put("result", result));
            }
            return new Reply(200, answers.encode());
        });
        Web3j web3j = web3j(Duration.ofSeconds(2), 2, uri);
        BatchResponse batch = web3j.newBatch().add(web3j.ethBlockNumber()).add(web3j.ethChainId()).sendAsync().get(5, SECONDS);
        assertEquals(2, batch.getResponses().size());
        assertEquals(BigInteger.valueOf(16), assertInstanceOf(EthBlockNumber.class, batch.getResponses().get(0)).getBlockNumber());
        assertEquals(BigInteger.valueOf(31337), assertInstanceOf(EthChainId.class, batch.getResponses().get(1)).getChainId());
        assertEquals(1, hits("/batch"));
        assertNotNull(meters.find("rpc.call.duration").tag("method", "batch").timer());
    }

    @Test
    void blockingSendRefusesTheEventLoop() throws Exception {
        String uri = script("/never-called", (hit, body) -> result(body, "0x1"));
        Web3j web3j = web3j(Duration.ofSeconds(2), 1, uri);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.getDelegate().runOnContext(v -> {
            try {
                web3j.ethBlockNumber().send();
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get(5, SECONDS));
        assertTrue(e.getMessage().contains("event loop"), e.getMessage());
        assertEquals(0, hits("/never-called"));
        // off the event loop the same blocking call works
        assertEquals(BigInteger.ONE, web3j.ethBlockNumber().send().getBlockNumber());
    }
}

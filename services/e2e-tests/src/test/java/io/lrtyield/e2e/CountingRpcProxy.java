package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC pass-through in front of Anvil that records every request the node receives (method and, for
 * {@code eth_call}, the block it is pinned to) — to prove how many round trips a service really makes — and injects
 * faults on request ({@link #faults}, {@link #down}): a refused request never reaches the node, so refusing a
 * {@code eth_sendRawTransaction} never sends it; half the refusals are HTTP 503, half a JSON-RPC error object of the
 * kind providers send for rate limits (-32005), for a batch one per call.
 */
final class CountingRpcProxy implements AutoCloseable {

    record Seen(String method, String block) {
    }

    /** What goes wrong: a share of requests refused, a share delayed by {@code delay}. */
    record Faults(double failShare, double delayShare, Duration delay) {
        static final Faults NONE = new Faults(0, 0, Duration.ZERO);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).build();
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger delayed = new AtomicInteger();
    private volatile Faults faults = Faults.NONE;
    private volatile boolean down;

    CountingRpcProxy(int port, String upstream) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode request = JSON.readTree(body);
                record(request);
                Faults f = faults;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (down || random.nextDouble() < f.failShare()) {
                    refuse(exchange, request, random.nextBoolean() && !down);
                    return;
                }
                if (random.nextDouble() < f.delayShare()) {
                    delayed.incrementAndGet();
                    Thread.sleep(f.delay());
                }
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(upstream)).timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(r.statusCode(), r.body().length);
                exchange.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away or the node did: nothing to answer
            }
        });
        server.start();
    }

    private void refuse(HttpExchange exchange, JsonNode request, boolean asJsonRpcError) throws IOException {
        refused.incrementAndGet();
        if (!asJsonRpcError) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        JsonNode answer;
        if (request.isArray()) {
            ArrayNode all = JSON.createArrayNode();
            request.forEach(call -> all.add(rateLimited(call)));
            answer = all;
        } else {
            answer = rateLimited(request);
        }
        byte[] bytes = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ObjectNode rateLimited(JsonNode call) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", call.path("id"));
        answer.putObject("error").put("code", -32005).put("message", "request rate exceeded (chaos proxy)");
        return answer;
    }

    private void record(JsonNode request) {
        if (request.isArray()) {
            request.forEach(this::record);
            return;
        }
        String method = request.path("method").asText();
        String block = method.equals("eth_call") ? request.path("params").path(1).asText() : null;
        seen.add(new Seen(method, block));
    }

    /** Refuse and delay requests from now on ({@link Faults#NONE} to stop). */
    void faults(Faults faults) {
        this.faults = faults;
    }

    /** An outage: every request answered HTTP 503 while on. */
    void down(boolean on) {
        down = on;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int refused() {
        return refused.get();
    }

    int delayed() {
        return delayed.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

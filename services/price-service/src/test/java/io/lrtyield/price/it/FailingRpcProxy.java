package io.lrtyield.price.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC pass-through in front of Anvil that can be told to fail: while {@link #failing(boolean)} is on, every
 * request is answered HTTP 503 (a provider's outage), so the service's chain reads fail while its heads, over the
 * WebSocket straight to Anvil, keep arriving; with {@link #pruned(long)} it plays a node that no longer has one block's
 * state. Counts what it refused.
 */
final class FailingRpcProxy implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile boolean failing;
    private volatile long pruned = -1;
    private final AtomicInteger refused = new AtomicInteger();

    FailingRpcProxy(int port, String upstream) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (failing) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] pruned = prunedAnswer(body);
                if (pruned != null) {
                    refused.incrementAndGet();
                    exchange.getResponseHeaders().add("content-type", "application/json");
                    exchange.sendResponseHeaders(200, pruned.length);
                    exchange.getResponseBody().write(pruned);
                    return;
                }
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(upstream))
                                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(r.statusCode(), r.body().length);
                exchange.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    /**
     * A node that pruned this block's state: reads pinned to it (eth_call, eth_getBlockByNumber) are answered as geth
     * answers them, -32000 "missing trie node"; -1 for none.
     */
    void pruned(long block) {
        pruned = block;
    }

    private byte[] prunedAnswer(byte[] body) throws IOException {
        long block = pruned;
        if (block < 0) {
            return null;
        }
        JsonNode request = JSON.readTree(body);
        if (!request.isObject()) {
            return null;
        }
        String method = request.path("method").asText();
        String at = method.equals("eth_call") ? request.path("params").path(1).asText()
                : method.equals("eth_getBlockByNumber") ? request.path("params").path(0).asText() : null;
        if (at == null || !at.equalsIgnoreCase("0x" + Long.toHexString(block))) {
            return null;
        }
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", request.path("id"));
        answer.putObject("error").put("code", -32000).put("message", "missing trie node 5a1f3c (path ) state 0x" + Long.toHexString(block)
                + " is not available");
        return JSON.writeValueAsBytes(answer);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void failing(boolean on) {
        failing = on;
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

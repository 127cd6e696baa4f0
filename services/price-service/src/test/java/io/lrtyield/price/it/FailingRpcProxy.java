package io.lrtyield.price.it;

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
 * WebSocket straight to Anvil, keep arriving. Counts what it refused.
 */
final class FailingRpcProxy implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile boolean failing;
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

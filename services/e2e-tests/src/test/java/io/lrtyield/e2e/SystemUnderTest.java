package io.lrtyield.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Launches the built applications (devnet, price, yield, rebalancer) as real processes against the test-profile
 * Anvil, Kafka and Redis that `make test` started, and stops them. Logs go to target/e2e-logs ({@code -De2e.logs}).
 * The applications listen on 18081-18084 ({@code -Dapps.port.base}, default 18080: `make chaos` runs them on 2808x).
 */
final class SystemUnderTest implements AutoCloseable {

    static final int PORT_BASE = Integer.getInteger("apps.port.base", 18080);
    static final int DEVNET = PORT_BASE + 4;
    static final int PRICE = PORT_BASE + 1;
    static final int YIELD = PORT_BASE + 2;
    static final int REBALANCER = PORT_BASE + 3;

    static final Path ROOT = Path.of(System.getProperty("repo.root", "../..")).toAbsolutePath().normalize();
    static final int KAFKA_PORT = Integer.getInteger("kafka.port", 19092);
    static final int REDIS_PORT = Integer.getInteger("redis.port", 16379);
    static final int ANVIL_PORT = Integer.getInteger("anvil.port", 18545);

    static final Path LOGS = ROOT.resolve(System.getProperty("e2e.logs", "services/e2e-tests/target/e2e-logs"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private boolean launched;

    static String rpcUrl() {
        return "http://127.0.0.1:" + ANVIL_PORT;
    }

    static String kafka() {
        return "127.0.0.1:" + KAFKA_PORT;
    }

    void start(Map<String, String> extraEnv) throws IOException {
        start(extraEnv, Map.of());
    }

    /** Starts the four applications; {@code perApp} adds environment to one application only. */
    void start(Map<String, String> extraEnv, Map<String, Map<String, String>> perApp) throws IOException {
        Path logs = LOGS;
        Files.createDirectories(logs);
        for (var app : List.of(Map.entry("devnet", DEVNET), Map.entry("price-service", PRICE),
                Map.entry("yield-service", YIELD), Map.entry("rebalancer-service", REBALANCER))) {
            Map<String, String> env = new LinkedHashMap<>(extraEnv);
            env.putAll(perApp.getOrDefault(app.getKey(), Map.of()));
            launch(app.getKey(), app.getValue(), env, logs);
        }
    }

    /** Launches one application with the given environment on top of the test-profile defaults. */
    void startOne(String app, int port, Map<String, String> env) throws IOException {
        Path logs = LOGS;
        Files.createDirectories(logs);
        launch(app, port, env, logs);
    }

    private void launch(String app, int port, Map<String, String> extraEnv, Path logs) throws IOException {
        if (!launched) {
            flushRedis();
            launched = true;
        }
        Path jar = ROOT.resolve("services/" + app + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the e2e tests run after the services are packaged (mvn verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(app + "-" + port + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("CHAIN_RPC_URLS", rpcUrl());
        env.put("CHAIN_WS_URL", "ws://127.0.0.1:" + ANVIL_PORT);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka());
        env.put("REDIS_URL", "redis://127.0.0.1:" + REDIS_PORT);
        env.put("CATALOGUE", "http://127.0.0.1:" + DEVNET + "/api/v1/catalogue");
        env.put("PRICE_ETH_USD_HTTP_URL", "http://127.0.0.1:" + DEVNET + "/api/v3");
        env.put("LOG_JSON", "false");
        env.put("JWT_REQUIRE_ISSUER_KEY", "false"); // the tests' admin tokens are signed with the dev key
        env.putAll(extraEnv);
        processes.put(app, pb.start());
    }

    /** Stops one application (SIGTERM, then SIGKILL after 20 s). */
    void stopOne(String app) throws InterruptedException {
        Process p = processes.remove(app);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Kills one application with SIGKILL, as a crash would, and waits until it is gone. */
    void killOne(String app) throws InterruptedException {
        Process p = processes.remove(app);
        if (p != null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until every application's readiness is UP; fails with the last answer otherwise. */
    void awaitReady(Duration timeout) throws Exception {
        awaitReady(timeout, List.of(Map.entry("devnet", DEVNET), Map.entry("price-service", PRICE),
                Map.entry("yield-service", YIELD), Map.entry("rebalancer-service", REBALANCER)));
    }

    /** Waits until the given applications (name → port) are ready. */
    void awaitReady(Duration timeout, List<Map.Entry<String, Integer>> apps) throws Exception {
        for (var entry : apps) {
            String last = Eventually.await(timeout, "readiness of " + entry.getKey(), () -> {
                Process p = processes.get(entry.getKey());
                if (p != null && !p.isAlive()) {
                    throw new IllegalStateException(entry.getKey() + " exited with " + p.exitValue() + "; see target/e2e-logs");
                }
                HttpResponse<String> r = get(entry.getValue(), "/q/health/ready");
                return r.statusCode() == 200 ? r.body() : null;
            });
            if (!last.contains("\"UP\"")) {
                throw new AssertionError(entry.getKey() + " not ready: " + last);
            }
        }
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Each test class starts from an empty Redis: the ITs share one Redis, and what an earlier class's services stored
     * (latest prices, rate histories of its own deployment, a resume point, plans) must not leak into the next class.
     * A restart inside a class (stopOne/startOne) keeps the state, as it should.
     */
    private static void flushRedis() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", REDIS_PORT)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] reply = new byte[5];
            int n = socket.getInputStream().readNBytes(reply, 0, 5);
            if (n < 3 || !new String(reply, 0, 3, java.nio.charset.StandardCharsets.US_ASCII).equals("+OK")) {
                throw new IOException("redis FLUSHALL answered " + new String(reply, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    /** POST with no body and an optional bearer token. */
    static HttpResponse<String> post(int port, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        List<Process> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(Process::destroy);
        for (Process p : reversed) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}

package io.lrtyield.devnet.anvil;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An Anvil of its own (the pinned npm binary, {@code -Danvil.bin}), auto-mining each transaction: integration tests
 * and benchmarks that must not share a chain or a nonce with anything else start one on a port of their own.
 */
public final class LocalAnvil implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalAnvil(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Anvil on {@code port} and waits until it answers (30 s at most). */
    public static LocalAnvil start(int port) throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("anvil.bin", "../../node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"));
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("no Anvil binary at " + bin.toAbsolutePath() + ": run npm ci at the repository root");
        }
        Path log = Files.createTempFile("anvil-" + port + "-", ".log");
        Process p = new ProcessBuilder(bin.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--chain-id", "31337",
                "--quiet").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalAnvil anvil = new LocalAnvil(p, port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("anvil exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(anvil.url()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("result")) {
                    return anvil;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        anvil.close();
        throw new IllegalStateException("anvil did not answer on port " + port + " within 30 s");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

package io.lrtyield.rebalancer.execution.it;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A throw-away redis-server (no persistence) on {@code -Dexecution.redis.port} (28741 by default), and a blocking
 * Quarkus {@link RedisDataSource} on it — the same client API the service injects.
 */
final class RedisProcess implements AutoCloseable {

    private final Process process;
    private final Redis client;
    private final int port;
    final RedisDataSource dataSource;

    private RedisProcess(Process process, Redis client, int port, RedisDataSource dataSource) {
        this.process = process;
        this.client = client;
        this.port = port;
        this.dataSource = dataSource;
    }

    static RedisProcess start(Vertx vertx) throws IOException, InterruptedException {
        return start(vertx, Integer.getInteger("execution.redis.port", 28741));
    }

    /** On a port of the IT's own (one that other ITs of the module may run beside). */
    static RedisProcess start(Vertx vertx, int port) throws IOException, InterruptedException {
        Path log = Files.createTempFile("redis-execution-it", ".log");
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("redis-server did not start on " + port + ": " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + port));
        return new RedisProcess(p, client, port, new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client), Duration.ofSeconds(10)));
    }

    /** For the worker processes. */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

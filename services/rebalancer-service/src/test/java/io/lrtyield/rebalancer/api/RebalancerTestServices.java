package io.lrtyield.rebalancer.api;

import io.lrtyield.common.event.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@code @QuarkusTest} of this service needs: a throw-away {@code redis-server} of its own on a free port (no
 * persistence; the OS package, as {@code make test} installs it), every Kafka channel on the in-memory connector (switched
 * here, before the application starts), no chain or strategy, and the HTTP port — which also serves gRPC — on a free
 * port named for the gRPC clients {@code rebalancer} and {@code admin}.
 */
public class RebalancerTestServices implements QuarkusTestResourceLifecycleManager {

    private Process redis;

    @Override
    public Map<String, String> start() {
        int redisPort = freePort();
        int httpPort = freePort();
        redis = startRedis(redisPort);
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(Topics.PRICES_CHANNEL, Topics.YIELDS_CHANNEL,
                Topics.RISK_ALERTS_CHANNEL));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(Topics.REBALANCE_PLANS_CHANNEL, Topics.EXECUTIONS_CHANNEL,
                Topics.RISK_ALERTS_OUT_CHANNEL));
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        config.put("quarkus.http.test-port", String.valueOf(httpPort));
        for (String client : new String[] {"rebalancer", "admin"}) {
            config.put("quarkus.grpc.clients." + client + ".host", "127.0.0.1");
            config.put("quarkus.grpc.clients." + client + ".port", String.valueOf(httpPort));
        }
        config.put("chain.follow-heads", "false");
        config.put("rebalancer.strategy.enabled", "false");
        config.put("rebalancer.execution.enabled", "false");
        config.put("rebalancer.vault", "test-vault");
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
        if (redis != null) {
            redis.destroy();
        }
    }

    private static Process startRedis(int port) {
        try {
            Path log = Files.createTempFile("redis-quarkus-test", ".log");
            Process p;
            try {
                p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("redis-server is needed by the @QuarkusTest tests: apt-get install -y redis-server "
                        + "(make test installs it)", e);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (true) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return p;
                } catch (IOException notYet) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        p.destroyForcibly();
                        throw new IllegalStateException("redis-server did not start on " + port + ": " + Files.readString(log));
                    }
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

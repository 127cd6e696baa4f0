package io.lrtyield.price.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Topics;
import io.lrtyield.devnet.anvil.LocalAnvil;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gap-free pricing on a real chain, broker and store: the packaged price-service (a process of its own) reads an Anvil
 * of the test's own through a JSON-RPC proxy that fails every request for ten blocks while the heads keep arriving over
 * the WebSocket. Afterwards the price history holds every block, in order, each tick's fundamental rate equal to the
 * rate contract's own answer at that block (read directly, pinned), the outage's blocks marked backfilled, no gap
 * recorded, and prices.v1 carries each block's ticks once (no eventId twice). Then a node that pruned one block's
 * state: that block, and only it, is a gap — in {@code GET /api/v1/prices/gaps} and {@code price_gap_blocks_total}.
 * Ports: {@code -Dprice.it.anvil.port}, {@code -Dprice.it.proxy.port}, {@code -Dprice.it.http.port}, Kafka and Redis
 * of the test stack ({@code -Dkafka.port}, {@code -Dredis.port}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PriceBackfillIT {

    static final String DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ORACLE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final int OUTAGE_BLOCKS = Integer.getInteger("price.it.outage.blocks", 10);
    static final int HTTP_PORT = Integer.getInteger("price.it.http.port", 28673);
    static final int KAFKA_PORT = Integer.getInteger("kafka.port", 19092);
    static final int REDIS_PORT = Integer.getInteger("redis.port", 16379);
    static final ObjectMapper JSON = EventCodec.configure(new ObjectMapper());
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalAnvil anvil;
    Vertx vertx;
    VertxJsonRpcService transport;
    Web3j web3j;
    DevnetDeployment d;
    TxSender oracle;
    FailingRpcProxy proxy;
    Process service;
    KafkaConsumer<String, byte[]> consumer;
    Path work;

    @BeforeAll
    void start() throws Exception {
        long t0 = System.nanoTime();
        anvil = LocalAnvil.start(Integer.getInteger("price.it.anvil.port", 28671));
        vertx = Vertx.vertx();
        transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(anvil.url()))), new SimpleMeterRegistry());
        web3j = Web3j.build(transport);
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        oracle = new TxSender(web3j, Credentials.create(ORACLE_KEY), chainId);
        d = new DevnetDeployer(web3j, new TxSender(web3j, Credentials.create(DEPLOYER_KEY), chainId), oracle)
                .deploy(new BigDecimal("1000"), new BigDecimal("500"));
        Catalogue catalogue = DevnetCatalogue.of(d);
        work = Path.of(System.getProperty("price.it.dir", "target/price-backfill-it")).toAbsolutePath();
        Files.createDirectories(work);
        Path catalogueFile = work.resolve("catalogue.json");
        Files.writeString(catalogueFile, EventCodec.toJson(catalogue));
        System.out.printf("devnet deployed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        flushRedis();
        consumer = consumerAtEnd();
        proxy = new FailingRpcProxy(Integer.getInteger("price.it.proxy.port", 28672), anvil.url());
        Path jar = Path.of(System.getProperty("price.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: this IT runs after the service is packaged (mvn verify)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("price-service.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("HTTP_PORT", String.valueOf(HTTP_PORT));
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("CHAIN_RPC_URLS", proxy.url());
        env.put("CHAIN_WS_URL", "ws://127.0.0.1:" + anvil.port()); // heads keep coming while the reads fail
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
        env.put("REDIS_URL", "redis://127.0.0.1:" + REDIS_PORT);
        env.put("CATALOGUE", catalogueFile.toString());
        env.put("PRICE_ETH_USD_HTTP_URL", "");
        env.put("LOG_JSON", "false");
        env.put("CHAIN_MAX_ATTEMPTS", "2");
        env.put("PRICE_BLOCK_RETRY_FIRST_BACKOFF", "100ms");
        env.put("PRICE_BLOCK_RETRY_MAX_BACKOFF", "500ms");
        service = pb.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (transport != null) {
            transport.close();
            vertx.closeAndAwait();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Order(1)
    void tenBlocksOfFailedReadsAreBackfilledInOrderAtTheirOwnBlocks() throws Exception {
        // 1. the service prices the head while its reads work
        long first = await(Duration.ofSeconds(60), "a first rETH tick", () -> {
            mine();
            List<PriceTick> ticks = history(0);
            return ticks.isEmpty() ? null : ticks.get(0).provenance().blockNumber();
        });
        long beforeOutage = 0;
        for (int i = 0; i < 3; i++) {
            beforeOutage = mine();
        }
        long priced = beforeOutage;
        await(Duration.ofSeconds(10), "block " + priced + " priced", () -> last(history(first)) >= priced ? true : null);

        // 2. every read fails for ten blocks; heads keep arriving over the WebSocket
        proxy.failing(true);
        List<Long> outage = new ArrayList<>();
        for (int i = 0; i < OUTAGE_BLOCKS; i++) {
            outage.add(mine());
            Thread.sleep(150);
        }
        assertTrue(last(history(first)) < outage.get(0), "nothing priced during the outage: the proxy really failed the reads");
        assertTrue(proxy.refused() > 0);

        // 3. reads work again: the missed blocks are priced, in order, then the head
        proxy.failing(false);
        long recovered = System.nanoTime();
        long end = mine();
        List<PriceTick> all = await(Duration.ofSeconds(30), "history complete up to " + end, () -> {
            List<PriceTick> ticks = history(first);
            return last(ticks) >= end ? ticks : null;
        });
        long catchUpMs = (System.nanoTime() - recovered) / 1_000_000;

        List<Long> blocks = all.stream().map(t -> t.provenance().blockNumber()).toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(first, end).boxed().toList(), blocks, "every block once, in order");
        for (PriceTick tick : all) {
            long n = tick.provenance().blockNumber();
            assertEquals(0, rateAt(n).compareTo(tick.fundamentalRate()),
                    "block " + n + ": the tick's rate " + tick.fundamentalRate() + " is the contract's at that block");
            assertEquals(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false).send().getBlock().getHash(),
                    tick.provenance().blockHash(), "block " + n + ": its own hash");
        }
        long backfilled = all.stream().filter(PriceTick::backfilled).count();
        assertTrue(outage.stream().allMatch(n -> tickOf(all, n).backfilled()), "the outage's blocks are marked backfilled");
        assertFalse(tickOf(all, end).backfilled(), "the head after the catch-up is not");
        assertEquals("[]", get("/api/v1/prices/gaps").body(), "no gap: every block was served");

        // 4. prices.v1: each block's ticks once
        Set<String> expected = new HashSet<>();
        all.forEach(t -> expected.add(t.eventId()));
        List<PriceTick> published = new ArrayList<>();
        await(Duration.ofSeconds(15), "prices.v1 carrying every rETH tick", () -> {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> published.add(EventCodec.decode(r.value(), PriceTick.class, PriceTick.SCHEMA_VERSION)));
            return published.stream().map(PriceTick::eventId).collect(java.util.stream.Collectors.toSet()).containsAll(expected) ? true : null;
        });
        List<String> ids = published.stream().map(PriceTick::eventId).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no eventId twice on prices.v1");
        List<Long> rethOnTopic = published.stream().filter(t -> "rETH".equals(t.asset())).map(t -> t.provenance().blockNumber()).toList();
        assertEquals(blocks, rethOnTopic.subList(rethOnTopic.indexOf(first), rethOnTopic.size()), "rETH's ticks on the topic in block order");
        System.out.printf("outage of %d blocks (%d reads refused): %d ticks backfilled per asset, history complete %d ms after the reads "
                + "came back; %d ticks on prices.v1, no duplicate%n", OUTAGE_BLOCKS, proxy.refused(), backfilled, catchUpMs, ids.size());
    }

    @Test
    @Order(2)
    void aBlockTheNodeCannotServeIsAGapInTheHistoryNeverASilentHole() throws Exception {
        long before = mine();
        await(Duration.ofSeconds(10), "block " + before + " priced", () -> last(history(before)) >= before ? true : null);
        long pruned = before + 1;
        proxy.pruned(pruned);
        mine();
        Thread.sleep(300);
        long end = mine();
        List<PriceTick> ticks = await(Duration.ofSeconds(30), "history up to " + end, () -> {
            List<PriceTick> t = history(before);
            return last(t) >= end ? t : null;
        });
        proxy.pruned(-1);
        assertEquals(java.util.stream.LongStream.rangeClosed(before, end).filter(n -> n != pruned).boxed().toList(),
                ticks.stream().map(t -> t.provenance().blockNumber()).toList(), "every block but the one the node cannot serve");
        var gaps = JSON.readTree(get("/api/v1/prices/gaps").body());
        assertEquals(1, gaps.size(), gaps.toString());
        assertEquals(pruned, gaps.get(0).path("fromBlock").asLong());
        assertEquals(pruned, gaps.get(0).path("toBlock").asLong());
        assertTrue(gaps.get(0).path("reason").asText().contains("missing trie node"), gaps.toString());
        String metric = get("/q/metrics").body().lines().filter(l -> l.startsWith("price_gap_blocks_total")).findFirst().orElse("");
        assertTrue(metric.endsWith(" 1.0"), "price_gap_blocks_total counts the block: " + metric);
    }

    /**
     * The broker paused (SIGSTOP, then SIGCONT) for {@code -Dprice.it.kafka.pause.seconds} (15) while blocks are mined:
     * the sends wait, and afterwards the history and prices.v1 have every block, once. Runs only with the broker's pid
     * ({@code -Dprice.it.kafka.pid}, the test stack's {@code .local/test/pids/kafka.pid}): it stops a process.
     */
    @Test
    @Order(3)
    void aPausedBrokerLeavesNoHole() throws Exception {
        String pid = System.getProperty("price.it.kafka.pid", "");
        org.junit.jupiter.api.Assumptions.assumeFalse(pid.isBlank(), "no -Dprice.it.kafka.pid: the broker is not paused");
        int pauseSeconds = Integer.getInteger("price.it.kafka.pause.seconds", 15);
        long before = mine();
        await(Duration.ofSeconds(10), "block " + before + " priced", () -> last(history(before)) >= before ? true : null);
        consumer.poll(Duration.ofMillis(200));
        new ProcessBuilder("kill", "-STOP", pid).inheritIO().start().waitFor();
        long end;
        long resumed;
        try {
            long until = System.nanoTime() + Duration.ofSeconds(pauseSeconds).toNanos();
            while (System.nanoTime() < until) {
                mine();
                Thread.sleep(500);
            }
        } finally {
            new ProcessBuilder("kill", "-CONT", pid).inheritIO().start().waitFor();
            resumed = System.nanoTime();
        }
        end = mine();
        List<PriceTick> all = await(Duration.ofSeconds(150), "history complete up to " + end, () -> {
            List<PriceTick> ticks = history(before);
            return last(ticks) >= end ? ticks : null;
        });
        long caughtUpMs = (System.nanoTime() - resumed) / 1_000_000;
        assertEquals(java.util.stream.LongStream.rangeClosed(before, end).boxed().toList(),
                all.stream().map(t -> t.provenance().blockNumber()).toList(), "every block once, in order");
        List<PriceTick> published = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        all.forEach(t -> expected.add(t.eventId()));
        await(Duration.ofSeconds(15), "prices.v1 carrying every rETH tick", () -> {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> published.add(EventCodec.decode(r.value(), PriceTick.class, PriceTick.SCHEMA_VERSION)));
            return published.stream().map(PriceTick::eventId).collect(java.util.stream.Collectors.toSet()).containsAll(expected) ? true : null;
        });
        List<String> ids = published.stream().map(PriceTick::eventId).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no eventId twice on prices.v1");
        System.out.printf("broker paused %d s over %d blocks: history complete %d ms after it resumed, %d ticks on prices.v1, no duplicate%n",
                pauseSeconds, end - before, caughtUpMs, ids.size());
    }

    private static PriceTick tickOf(List<PriceTick> ticks, long block) {
        return ticks.stream().filter(t -> t.provenance().blockNumber() == block).findFirst().orElseThrow();
    }

    private static long last(List<PriceTick> ticks) {
        return ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1).provenance().blockNumber();
    }

    /** One block: rETH's rewards accrue, so its rate differs from the block before. */
    private long mine() throws IOException {
        String hash = oracle.send(d.rETH(), FunctionEncoder.encode(new Function("accrueRewards", List.of(), List.of())),
                new BigInteger("1000000000000000")); // 0.001 ETH
        return oracle.awaitAll(List.of(hash), Duration.ofSeconds(10)).get(0).getBlockNumber().longValueExact();
    }

    /** rETH.getExchangeRate() at the block, straight from Anvil: the value the tick must carry. */
    private BigDecimal rateAt(long block) throws IOException {
        String data = FunctionEncoder.encode(new Function("getExchangeRate", List.of(), List.of()));
        String hex = web3j.ethCall(Transaction.createEthCallTransaction(null, d.rETH(), data),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send().getValue();
        return new BigDecimal(new BigInteger(hex.substring(2), 16)).movePointLeft(18);
    }

    private List<PriceTick> history(long from) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/prices/rETH/history?from=" + from);
        return r.statusCode() == 200 ? JSON.readValue(r.body(), new TypeReference<List<PriceTick>>() { }) : List.of();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path)).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException notYet) {
            return new NoAnswer();
        }
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    private <T> T await(Duration timeout, String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("price-service exited with " + service.exitValue() + "; see " + work.resolve("price-service.log"));
            }
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; see " + work.resolve("price-service.log"));
    }

    /** A consumer of prices.v1 positioned at the topic's end: it sees this run's ticks only. */
    private static KafkaConsumer<String, byte[]> consumerAtEnd() throws ExecutionException, InterruptedException {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(Topics.PRICES, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + KAFKA_PORT);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = c.partitionsFor(Topics.PRICES, Duration.ofSeconds(10)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(partitions);
        c.seekToEnd(partitions);
        partitions.forEach(c::position); // resolve the end now, before the service publishes
        return c;
    }

    /** Each run starts from an empty store (no resume point, history or gaps of an earlier chain). */
    private static void flushRedis() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", REDIS_PORT)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("*1\r\n$7\r\nFLUSHDB\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] reply = new byte[3];
            int n = socket.getInputStream().readNBytes(reply, 0, 3);
            if (n < 3 || !new String(reply, StandardCharsets.US_ASCII).equals("+OK")) {
                throw new IOException("redis FLUSHDB answered " + new String(reply, 0, n, StandardCharsets.US_ASCII));
            }
        }
    }

    /** The service is not listening yet. */
    private static final class NoAnswer implements HttpResponse<String> {
        @Override public int statusCode() { return 0; }
        @Override public HttpRequest request() { return null; }
        @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        @Override public String body() { return ""; }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        @Override public URI uri() { return null; }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}

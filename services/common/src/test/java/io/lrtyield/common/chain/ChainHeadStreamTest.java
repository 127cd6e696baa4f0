package io.lrtyield.common.chain;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.NetServer;
import io.vertx.mutiny.core.http.HttpServerRequest;
import io.vertx.mutiny.core.http.ServerWebSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The head stream against a local Vert.x server that plays a node: HTTP JSON-RPC {@code eth_getBlockByNumber}
 * ("latest" and by number) and a WebSocket answering {@code eth_subscribe newHeads}, with heads pushed when the
 * test mines. The test owns the chain, so it can drop the socket, skip heights and replace blocks.
 */
class ChainHeadStreamTest {

    private static final long FIRST = 100;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx serverVertx;
    private static Vertx clientVertx;
    private static int port;

    // the node's state; the server's event loop and the test thread share it under `chain`'s lock
    private static final List<JsonObject> chain = new ArrayList<>();
    private static final Set<ServerWebSocket> subscribers = new HashSet<>();
    private static volatile boolean wsEnabled;
    private static final AtomicInteger latestCalls = new AtomicInteger();
    private static final AtomicInteger byNumberCalls = new AtomicInteger();
    private static final AtomicInteger handshakes = new AtomicInteger();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<BlockHead> received = new CopyOnWriteArrayList<>();
    private VertxJsonRpcService transport;
    private ChainHeadStream stream;
    private Cancellable following;

    @BeforeAll
    static void startNode() {
        serverVertx = Vertx.vertx();
        clientVertx = Vertx.vertx();
        port = serverVertx.createHttpServer()
                .webSocketHandshakeHandler(handshake -> {
                    handshakes.incrementAndGet();
                    if (wsEnabled && handshake.path().equals("/ws")) {
                        handshake.acceptAndForget();
                    } else {
                        handshake.rejectAndForget(503);
                    }
                })
                .webSocketHandler(ChainHeadStreamTest::serveSocket)
                .requestHandler(request -> request.bodyHandler(body -> serveHttp(request, new JsonObject(body.toString()))))
                .listenAndAwait(0, "127.0.0.1")
                .actualPort();
    }

    @AfterAll
    static void stopNode() {
        clientVertx.closeAndAwait();
        serverVertx.closeAndAwait();
    }

    @BeforeEach
    void freshChain() {
        dropSockets(true);
        synchronized (chain) {
            chain.clear();
            chain.add(block(FIRST, 0xa, "0x" + "0".repeat(64)));
        }
        latestCalls.set(0);
        byNumberCalls.set(0);
        handshakes.set(0);
    }

    @AfterEach
    void stopStream() {
        if (following != null) {
            following.cancel();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void withTheSocketUpHeadsComeByWebSocketAndNothingPolls() {
        follow(true);
        awaitWebSocket();
        awaitHead(FIRST); // from the hand-over read
        assertEquals(1.0, meters.get("chain.heads.mode").gauge().value());
        int latest = settledLatestCalls();
        for (int i = 0; i < 5; i++) {
            awaitHead(mine(0xa, true));
        }
        assertEquals(latest, latestCalls.get(), "no polling while the socket delivers");
        assertEquals(0, byNumberCalls.get(), "no gap, no re-read");
        assertConsecutiveWithoutDuplicates(FIRST, FIRST + 5);
        assertEquals(ChainHeadStream.WEBSOCKET, stream.mode());
    }

    @Test
    void aDroppedSocketFallsBackToPollingWithoutLossAndComesBack() {
        follow(true);
        awaitWebSocket();
        for (int i = 0; i < 2; i++) {
            awaitHead(mine(0xa, true));
        }
        // drop server-side and mine at once: the block lands while neither source listens
        dropSockets(false);
        awaitHead(mine(0xa, true));
        await(() -> stream.mode().equals(ChainHeadStream.POLLING), "falls back to polling");
        assertEquals(0.0, meters.get("chain.heads.mode").gauge().value());
        int polled = latestCalls.get();
        for (int i = 0; i < 4; i++) {
            awaitHead(mine(0xa, true));
        }
        assertTrue(latestCalls.get() > polled, "those heads came by polling");
        int refused = handshakes.get();
        await(() -> handshakes.get() > refused, "keeps trying to reconnect");

        wsEnabled = true;
        await(() -> stream.mode().equals(ChainHeadStream.WEBSOCKET), "returns to the socket within the back-off");
        int latest = settledLatestCalls();
        for (int i = 0; i < 3; i++) {
            awaitHead(mine(0xa, true));
        }
        assertEquals(latest, latestCalls.get(), "polling stopped once the socket is back");
        assertConsecutiveWithoutDuplicates(FIRST, FIRST + 10);
        assertEquals(0.0, meters.get("chain.reorgs").counter().count());
    }

    @Test
    void aSocketRefusedAtStartPollsUntilItComes() {
        wsEnabled = false;
        follow(true);
        awaitHead(FIRST);
        awaitHead(mine(0xa, false));
        assertEquals(ChainHeadStream.POLLING, stream.mode());
        wsEnabled = true;
        await(() -> stream.mode().equals(ChainHeadStream.WEBSOCKET), "connects once the socket accepts");
        awaitHead(mine(0xa, true));
        assertConsecutiveWithoutDuplicates(FIRST, FIRST + 2);
    }

    @Test
    void aHeadOnAnotherParentIsAReorg() {
        follow(true);
        awaitWebSocket();
        awaitHead(mine(0xa, true));
        replaceTip(0xb); // block 101 replaced, unseen
        BlockHead head = awaitHead(mine(0xb, true));
        assertTrue(head.reorg(), "parent is the replacement of the 101 we saw");
        assertFalse(awaitHead(mine(0xb, true)).reorg(), "its child extends the new branch");
        assertEquals(1.0, meters.get("chain.reorgs").counter().count());
    }

    @Test
    void aGapIsCheckedByReReadingTheLastSeenHeight() {
        follow(true);
        awaitWebSocket();
        long seen = awaitHead(mine(0xa, true)).number();
        mine(0xa, false);
        BlockHead skipping = awaitHead(mine(0xa, true));
        assertEquals(seen + 2, skipping.number());
        assertFalse(skipping.reorg(), "the last seen block is still there: no reorg");
        assertEquals(1, byNumberCalls.get());

        replaceTip(0xc); // the block we saw last is replaced, and the next one too, all unseen
        mine(0xc, false);
        BlockHead head = awaitHead(mine(0xc, true));
        assertTrue(head.reorg(), "the last seen height now has another hash");
        assertEquals(2, byNumberCalls.get());
        assertEquals(1.0, meters.get("chain.reorgs").counter().count());
    }

    @Test
    void withoutAWebSocketUrlItOnlyPolls() {
        follow(false);
        awaitHead(FIRST);
        for (int i = 0; i < 3; i++) {
            awaitHead(mine(0xa, false));
        }
        assertEquals(ChainHeadStream.POLLING, stream.mode());
        assertEquals(0.0, meters.get("chain.heads.mode").gauge().value());
        assertEquals(0, handshakes.get());
        assertConsecutiveWithoutDuplicates(FIRST, FIRST + 3);
    }

    @Test
    void aSilentSocketIsGivenUp() throws Exception {
        // a half-open connection never reports a close; the read-idle timeout (kept quiet on a live socket by the
        // pongs to our pings) must. This "node" upgrades, then never answers anything, pings included.
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        NetServer silent = serverVertx.createNetServer().connectHandler(connection -> connection.handler(bytes -> {
            Matcher key = Pattern.compile("(?i)sec-websocket-key: *(\\S+)").matcher(bytes.toString());
            if (key.find()) {
                String accept = Base64.getEncoder().encodeToString(sha1.digest((key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                connection.writeAndForget(Buffer.buffer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n"));
            }
        })).listenAndAwait(0, "127.0.0.1");
        WebSocketHeadSource source = new WebSocketHeadSource(clientVertx, URI.create("ws://127.0.0.1:" + silent.actualPort() + "/"),
                Duration.ofSeconds(1), Duration.ofMillis(300));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long started = System.nanoTime();
        source.heads(() -> fail("nothing was confirmed")).subscribe().with(head -> fail("no head was sent"), failure::set);
        try {
            await(() -> failure.get() != null, "the silent socket is given up");
            assertInstanceOf(WebSocketHeadSource.WebSocketClosedException.class, failure.get());
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos(), "not before the idle timeout");
        } finally {
            source.close();
            silent.closeAndAwait();
        }
    }

    // --- the client side ---

    private void follow(boolean withSocket) {
        RpcSettings settings = new RpcSettings(List.of(URI.create("http://127.0.0.1:" + port + "/")), Duration.ofSeconds(1), 2,
                Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), 0, 4);
        transport = new VertxJsonRpcService(clientVertx, settings, meters);
        WebSocketHeadSource socket = withSocket
                ? new WebSocketHeadSource(clientVertx, URI.create("ws://127.0.0.1:" + port + "/ws?key=secret"), Duration.ofSeconds(1), Duration.ofSeconds(5))
                : null;
        stream = new ChainHeadStream(clientVertx, Web3j.build(transport), socket, POLL, Duration.ofMillis(100),
                Duration.ofMillis(400), meters);
        following = stream.heads().subscribe().with(received::add, failure -> fail("the head stream failed", failure));
    }

    private void awaitWebSocket() {
        await(() -> stream.mode().equals(ChainHeadStream.WEBSOCKET), "subscribed by WebSocket");
    }

    private BlockHead awaitHead(long number) {
        await(() -> received.stream().anyMatch(h -> h.number() == number), "head " + number);
        return received.stream().filter(h -> h.number() == number).findFirst().orElseThrow();
    }

    /** "latest" calls once any read in flight at the switch has landed (two poll periods without a new one). */
    private static int settledLatestCalls() {
        int before;
        do {
            before = latestCalls.get();
            pause(POLL.multipliedBy(2));
        } while (latestCalls.get() != before);
        return before;
    }

    private void assertConsecutiveWithoutDuplicates(long from, long to) {
        List<Long> numbers = received.stream().map(BlockHead::number).toList();
        List<Long> expected = java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        assertEquals(expected, numbers, "every head once, in order");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting: " + what);
            }
            pause(Duration.ofMillis(5));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // --- the node ---

    private static JsonObject block(long number, int branch, String parentHash) {
        return new JsonObject()
                .put("number", "0x" + Long.toHexString(number))
                .put("hash", String.format("0x%02x%062x", branch, number))
                .put("parentHash", parentHash)
                .put("timestamp", "0x" + Long.toHexString(1_700_000_000L + number * 12))
                .put("transactions", new JsonArray());
    }

    /** Appends a block on `branch`; pushes it to subscribed sockets if `push`. Returns its number. */
    private static long mine(int branch, boolean push) {
        JsonObject mined;
        synchronized (chain) {
            JsonObject tip = chain.get(chain.size() - 1);
            mined = block(FIRST + chain.size(), branch, tip.getString("hash"));
            chain.add(mined);
            if (push) {
                String notification = new JsonObject().put("jsonrpc", "2.0").put("method", "eth_subscription")
                        .put("params", new JsonObject().put("subscription", "0xfeed").put("result", mined)).encode();
                subscribers.forEach(ws -> ws.writeTextMessage(notification).subscribe().with(ok -> { }, ignored -> { }));
            }
        }
        return Long.decode(mined.getString("number"));
    }

    /** Replaces the tip by a block of the same height on `branch` (same parent), without telling anyone. */
    private static void replaceTip(int branch) {
        synchronized (chain) {
            JsonObject tip = chain.remove(chain.size() - 1);
            chain.add(block(Long.decode(tip.getString("number")), branch, tip.getString("parentHash")));
        }
    }

    /** Closes every socket server-side; `enable` says whether new handshakes are accepted afterwards. */
    private static void dropSockets(boolean enable) {
        synchronized (chain) {
            wsEnabled = enable;
            subscribers.forEach(ws -> ws.close().subscribe().with(ok -> { }, ignored -> { }));
            subscribers.clear();
        }
    }

    private static void serveSocket(ServerWebSocket ws) {
        ws.textMessageHandler(text -> {
            JsonObject request = new JsonObject(text);
            if ("eth_subscribe".equals(request.getString("method")) && "newHeads".equals(request.getJsonArray("params").getString(0))) {
                synchronized (chain) {
                    ws.writeTextMessage(new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"))
                            .put("result", "0xfeed").encode()).subscribe().with(ok -> { }, ignored -> { });
                    subscribers.add(ws);
                }
            }
        });
        ws.closeHandler(() -> {
            synchronized (chain) {
                subscribers.remove(ws);
            }
        });
    }

    private static void serveHttp(HttpServerRequest request, JsonObject rpc) {
        Object result = null;
        if ("eth_getBlockByNumber".equals(rpc.getString("method"))) {
            String which = rpc.getJsonArray("params").getString(0);
            synchronized (chain) {
                if (which.equals("latest")) {
                    latestCalls.incrementAndGet();
                    result = chain.get(chain.size() - 1);
                } else {
                    byNumberCalls.incrementAndGet();
                    int index = (int) (Long.decode(which) - FIRST);
                    result = index >= 0 && index < chain.size() ? chain.get(index) : null;
                }
            }
        }
        JsonObject response = new JsonObject().put("jsonrpc", "2.0").put("id", rpc.getValue("id"));
        response.put("result", result);
        request.response().putHeader("content-type", "application/json").endAndForget(response.encode());
    }
}

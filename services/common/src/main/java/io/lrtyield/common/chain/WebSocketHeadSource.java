package io.lrtyield.common.chain;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.WebSocket;
import io.vertx.mutiny.core.http.WebSocketClient;
import org.jboss.logging.Logger;
import org.web3j.utils.Numeric;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * New heads from {@code eth_subscribe newHeads} over a WebSocket. Each subscription to {@link #heads} opens one
 * socket; the stream never completes on its own: it fails when the socket closes, errs, goes silent or the node
 * refuses the subscription, so the caller can fall back to polling. Heads are emitted raw ({@code reorg=false}):
 * deciding reorgs is {@link BlockHeadTracker}'s job. Nothing here blocks: all I/O is Vert.x callbacks.
 */
public final class WebSocketHeadSource {

    private static final Logger LOG = Logger.getLogger(WebSocketHeadSource.class);
    private static final String SUBSCRIBE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}";

    private final Vertx vertx;
    private final URI url;
    private final Duration idleTimeout;
    private final WebSocketClient client;

    /**
     * @param connectTimeout bound of TCP connect + upgrade, so a black-holed endpoint does not stall the fallback
     * @param idleTimeout    the socket counts as dead when nothing (head or pong) was read for this long; a ping is
     *                       sent every third of it. Catches half-open TCP connections, which never report a close.
     */
    public WebSocketHeadSource(Vertx vertx, URI url, Duration connectTimeout, Duration idleTimeout) {
        String scheme = String.valueOf(url.getScheme()).toLowerCase();
        if (!scheme.equals("ws") && !scheme.equals("wss") || url.getHost() == null) {
            throw new IllegalArgumentException("CHAIN_WS_URL must be ws:// or wss:// with a host (got scheme " + scheme + ")");
        }
        this.vertx = vertx;
        this.url = url;
        this.idleTimeout = idleTimeout;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setReadIdleTimeout((int) idleTimeout.toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxMessageSize(1024 * 1024));
    }

    /** Host and port only: WebSocket URLs of providers carry the API key in the path or query. */
    public String safeName() {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    /**
     * Connects and subscribes on subscription; cancelling closes the socket.
     *
     * @param onSubscribed run once the node confirmed the subscription (heads from then on come through here)
     */
    public Multi<BlockHead> heads(Runnable onSubscribed) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<WebSocket> socket = new AtomicReference<>();
            AtomicLong pinger = new AtomicLong(-1);
            AtomicBoolean ended = new AtomicBoolean();
            // a dying socket reports more than once (error, then close): only the first report ends the stream
            Consumer<RuntimeException> end = e -> {
                if (ended.compareAndSet(false, true)) {
                    emitter.fail(e);
                }
            };
            // idempotent, and run again after the socket is wired, in case the stream ended meanwhile
            Runnable release = () -> {
                long timer = pinger.getAndSet(-1);
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                WebSocket ws = socket.getAndSet(null);
                if (ws != null && !ws.isClosed()) {
                    ws.close().subscribe().with(ok -> { }, ignored -> { });
                }
            };
            emitter.onTermination(() -> {
                ended.set(true);
                release.run();
            });
            client.connect(connectOptions()).subscribe().with(ws -> {
                socket.set(ws);
                ws.textMessageHandler(text -> onMessage(text, emitter, onSubscribed, end));
                ws.exceptionHandler(e -> end.accept(failure("socket error", e)));
                ws.closeHandler(() -> end.accept(new WebSocketClosedException(safeName() + ": socket closed"
                        + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode() + ")"))));
                pinger.set(vertx.setPeriodic(Math.max(1, idleTimeout.toMillis() / 3), id -> {
                    if (!ws.isClosed()) {
                        ws.writePing(Buffer.buffer()).subscribe().with(ok -> { }, ignored -> { }); // a close follows
                    }
                }));
                if (ended.get()) {
                    release.run();
                    return;
                }
                ws.writeTextMessage(SUBSCRIBE).subscribe().with(ok -> LOG.debugf("%s: eth_subscribe sent", safeName()),
                        e -> end.accept(failure("eth_subscribe not sent", e)));
            }, e -> end.accept(failure("connect failed", e)));
        });
    }

    /** Closes the client; sockets still open are closed with it. */
    public void close() {
        client.close().subscribe().with(ok -> { }, e -> LOG.debugf("closing the WebSocket client: %s", e.getMessage()));
    }

    private void onMessage(String text, MultiEmitter<? super BlockHead> emitter, Runnable onSubscribed,
                           Consumer<RuntimeException> end) {
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (RuntimeException e) {
            LOG.warnf("%s: ignoring a message that is not a JSON object", safeName());
            return;
        }
        if ("1".equals(String.valueOf(message.getValue("id")))) { // our one request; nodes echo 1 or "1"
            if (message.getValue("error") != null || message.getValue("result") == null) {
                // the node has no subscriptions (HTTP-only proxy, method disabled): polling it is
                end.accept(new WebSocketClosedException(safeName() + ": eth_subscribe refused: "
                        + abbreviate(String.valueOf(message.getValue("error")))));
            } else {
                onSubscribed.run();
            }
            return;
        }
        if (!"eth_subscription".equals(message.getString("method"))) {
            return;
        }
        JsonObject header = message.getJsonObject("params", new JsonObject()).getJsonObject("result");
        try {
            emitter.emit(decode(header));
        } catch (RuntimeException e) {
            // one undecodable head is skipped: the next one (or the gap check) still moves the stream on
            LOG.warnf("%s: ignoring a malformed newHeads notification: %s", safeName(), e.getMessage());
        }
    }

    /** The header fields we use, hex-decoded; the rest of the header is ignored. */
    static BlockHead decode(JsonObject header) {
        if (header == null) {
            throw new IllegalArgumentException("no header");
        }
        long number = Numeric.decodeQuantity(require(header, "number")).longValueExact();
        long timestamp = Numeric.decodeQuantity(require(header, "timestamp")).longValueExact();
        return new BlockHead(number, require(header, "hash"), require(header, "parentHash"), timestamp, false);
    }

    private static String require(JsonObject header, String field) {
        String value = header.getString(field);
        if (value == null || !value.startsWith("0x")) {
            throw new IllegalArgumentException("field " + field + " missing or not hex");
        }
        return value;
    }

    private WebSocketConnectOptions connectOptions() {
        boolean ssl = url.getScheme().equalsIgnoreCase("wss");
        int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(url.getHost()).setPort(port).setSsl(ssl).setURI(path);
        if (url.getRawUserInfo() != null) {
            // some providers take credentials as user-info (wss://user:key@host): send them as Basic auth
            String basic = Base64.getEncoder().encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8));
            options.setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic " + basic).getDelegate());
        }
        return options;
    }

    /** Our own exception with a scrubbed message and no cause: the cause's message may quote the full URL. */
    private WebSocketClosedException failure(String what, Throwable e) {
        String message = e.getMessage() == null ? "" : scrub(e.getMessage());
        return new WebSocketClosedException(safeName() + ": " + what + ": " + e.getClass().getSimpleName()
                + (message.isEmpty() ? "" : ": " + abbreviate(message)));
    }

    private String scrub(String message) {
        String scrubbed = message.replace(url.toString(), safeName());
        for (String secret : new String[]{url.getRawUserInfo(), url.getRawQuery(), url.getRawPath()}) {
            if (secret != null && secret.length() > 1) {
                scrubbed = scrubbed.replace(secret, "…");
            }
        }
        return scrubbed;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** The socket is gone (closed, failed, silent or refused): the caller falls back and reconnects later. */
    public static final class WebSocketClosedException extends RuntimeException {
        public WebSocketClosedException(String message) {
            super(message, null, false, false);
        }
    }
}

package io.lrtyield.common.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service's one stream of chain heads. Heads come by {@code eth_subscribe newHeads} while the WebSocket is
 * up and by polling {@code eth_getBlockByNumber("latest")} while it is absent, connecting or down; a lost socket
 * is reconnected with back-off (doubling, jittered) and polling stops once it is subscribed again.
 * <p>
 * Every switch of source does one read of "latest" (the hand-over), so a block mined while neither source was
 * listening is not missed. All heads, whatever their source, go through one {@link BlockHeadTracker} in arrival
 * order: duplicates from the two sources are dropped, reorgs are flagged by parent hash, and a head that skips
 * heights triggers a re-read of the last seen height (by number) to tell whether it was replaced.
 * <p>
 * Source switching runs on one Vert.x context, so its state needs no locks and nothing blocks an event loop.
 */
public final class ChainHeadStream {

    public static final String WEBSOCKET = "websocket";
    public static final String POLLING = "polling";

    private static final Logger LOG = Logger.getLogger(ChainHeadStream.class);

    private final Vertx vertx;
    private final Context context;
    private final Web3j web3j;
    private final WebSocketHeadSource socket;
    private final Duration pollInterval;
    private final Duration reconnectMin;
    private final Duration reconnectMax;
    private final Counter reorgs;
    private final BlockHeadTracker tracker = new BlockHeadTracker();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile boolean websocket;
    private volatile MultiEmitter<? super BlockHead> input;

    // touched only on `context`
    private Cancellable polling;
    private Cancellable subscription;
    private long reconnectTimer = -1;
    private int failures;
    private int generation; // tells callbacks of a replaced socket from the current one
    private boolean stopped;

    /**
     * @param socket       the WebSocket source, or null to poll only
     * @param reconnectMin first reconnect delay after the socket is lost; doubles per failed attempt
     * @param reconnectMax cap of the reconnect delay
     */
    public ChainHeadStream(Vertx vertx, Web3j web3j, WebSocketHeadSource socket, Duration pollInterval,
                           Duration reconnectMin, Duration reconnectMax, MeterRegistry meters) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.web3j = web3j;
        this.socket = socket;
        this.pollInterval = pollInterval;
        this.reconnectMin = reconnectMin;
        this.reconnectMax = reconnectMax;
        Gauge.builder("chain.heads.mode", this, s -> s.websocket ? 1 : 0)
                .description("Source of chain heads: 1 = WebSocket subscription, 0 = polling")
                .register(meters);
        this.reorgs = Counter.builder("chain.reorgs").description("Heads that replaced already seen blocks").register(meters);
    }

    /** The production set-up: WebSocket when a URL is given, reconnecting after 1 s doubling to 30 s. */
    public static ChainHeadStream create(Vertx vertx, Web3j web3j, Optional<URI> wsUrl, Duration pollInterval,
                                         Duration connectTimeout, MeterRegistry meters) {
        WebSocketHeadSource socket = wsUrl.map(url -> new WebSocketHeadSource(vertx, url, connectTimeout, Duration.ofSeconds(30)))
                .orElse(null);
        return new ChainHeadStream(vertx, web3j, socket, pollInterval, Duration.ofSeconds(1), Duration.ofSeconds(30), meters);
    }

    /** "websocket" while heads come by subscription, else "polling". */
    public String mode() {
        return websocket ? WEBSOCKET : POLLING;
    }

    /**
     * Starts following on subscription and stops on cancellation. One subscriber only (the tracker's state is
     * per stream): share it, as {@code ChainHeads} does.
     */
    public Multi<BlockHead> heads() {
        return Multi.createFrom().<BlockHead>emitter(emitter -> {
                    if (!subscribed.compareAndSet(false, true)) {
                        emitter.fail(new IllegalStateException("ChainHeadStream takes one subscriber; share its heads"));
                        return;
                    }
                    input = emitter;
                    emitter.onTermination(() -> context.runOnContext(this::stop));
                    context.runOnContext(this::start);
                }, BackPressureStrategy.BUFFER)
                // one head at a time: the gap check is asynchronous and the tracker must see heads in order
                .onItem().transformToUniAndConcatenate(this::process)
                .filter(Objects::nonNull);
    }

    private void start() {
        // polling until the socket is subscribed: heads flow from the start even if the socket never comes
        startPolling();
        if (socket != null) {
            connect();
        }
    }

    private void stop() {
        stopped = true;
        websocket = false;
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
        }
        if (subscription != null) {
            subscription.cancel();
        }
        stopPolling();
        if (socket != null) {
            socket.close();
        }
    }

    private void connect() {
        reconnectTimer = -1;
        if (stopped) {
            return;
        }
        int current = ++generation;
        subscription = socket.heads(() -> context.runOnContext(() -> onSubscribed(current)))
                .subscribe().with(head -> {
                    offer(head);
                    // back-off resets on a delivered head, not on subscription: a socket that subscribes and
                    // drops at once must not be reconnected every second
                    context.runOnContext(() -> {
                        if (current == generation) {
                            failures = 0;
                        }
                    });
                }, failure -> context.runOnContext(() -> onSocketLost(current, failure.getMessage())),
                        () -> context.runOnContext(() -> onSocketLost(current, "stream completed")));
    }

    private void onSubscribed(int current) {
        if (current != generation || stopped) {
            return;
        }
        stopPolling();
        // the hand-over read covers blocks mined between the last poll and the subscription
        handOver().subscribe().with(ignored -> context.runOnContext(() -> {
            if (current == generation && !stopped && subscription != null) {
                websocket = true;
                LOG.infof("chain heads by WebSocket subscription at %s", socket.safeName());
            }
        }));
    }

    private void onSocketLost(int current, String reason) {
        if (current != generation || stopped) {
            return;
        }
        subscription = null;
        boolean wasUp = websocket;
        websocket = false;
        failures++;
        long delay = backoff(failures);
        if (wasUp || failures == 1) {
            LOG.warnf("WebSocket heads unavailable (%s); polling every %d ms, reconnecting in %d ms",
                    reason, pollInterval.toMillis(), delay);
        } else {
            LOG.debugf("WebSocket reconnect failed (%s); next attempt in %d ms", reason, delay);
        }
        if (polling == null) {
            startPolling();
            handOver().subscribe().with(ignored -> { });
        }
        reconnectTimer = vertx.setTimer(delay, id -> connect());
    }

    private long backoff(int attempt) {
        long cap = Math.min(reconnectMax.toMillis(), reconnectMin.toMillis() << Math.min(attempt - 1, 20));
        // jittered so that many replicas do not reconnect to the provider in lockstep after an outage
        return ThreadLocalRandom.current().nextLong(Math.max(1, cap / 2), cap + 1);
    }

    private void startPolling() {
        if (polling == null) {
            polling = new BlockHeadPoller(web3j, pollInterval).heads().subscribe().with(this::offer,
                    failure -> LOG.errorf("head polling ended: %s", failure.getMessage()));
        }
    }

    private void stopPolling() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
    }

    private void offer(BlockHead head) {
        MultiEmitter<? super BlockHead> emitter = input;
        if (emitter != null && !emitter.isCancelled()) {
            emitter.emit(head); // the emitter is serialized: the poller and the socket may call at once
        }
    }

    /** Reads "latest" once and offers it; never fails (a failed read only means the next head comes later). */
    private Uni<Void> handOver() {
        return Uni.createFrom().completionStage(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).sendAsync())
                .invoke(response -> {
                    EthBlock.Block block = response.getBlock();
                    if (block != null) {
                        offer(new BlockHead(block.getNumber().longValueExact(), block.getHash(), block.getParentHash(),
                                block.getTimestamp().longValueExact(), false));
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("hand-over read of the latest block failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<BlockHead> process(BlockHead raw) {
        BlockHeadTracker.Seen seen = tracker.skippedFrom(raw.number());
        Uni<Boolean> replaced = seen == null ? Uni.createFrom().item(false) : replaced(seen, raw.number());
        return replaced.map(lastReplaced -> tracker.accept(raw.number(), raw.hash(), raw.parentHash(), raw.timestamp(), lastReplaced))
                .invoke(head -> {
                    if (head != null && head.reorg()) {
                        reorgs.increment();
                        LOG.warnf("reorg at block %d (%s): parent %s", head.number(), head.hash(), head.parentHash());
                    }
                });
    }

    /** Whether the block at the last seen height now has another hash (the skipped heights are on another branch). */
    private Uni<Boolean> replaced(BlockHeadTracker.Seen seen, long next) {
        return Uni.createFrom().completionStage(() -> web3j.ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(seen.number())), false).sendAsync())
                .map(response -> response.getBlock() != null && !seen.hash().equals(response.getBlock().getHash()))
                .onFailure().recoverWithItem(e -> {
                    // unknowable now; not flagged, so a flaky endpoint does not trigger re-checks downstream
                    LOG.warnf("cannot re-read block %d before head %d (%s): skipped heights not checked for a reorg",
                            seen.number(), next, e.getMessage());
                    return false;
                });
    }
}

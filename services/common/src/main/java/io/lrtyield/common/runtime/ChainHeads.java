package io.lrtyield.common.runtime;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.ChainHeadStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows the chain's heads once per service (WebSocket subscription, polling while it is down) and shares them;
 * remembers when the last one came (readiness).
 */
@ApplicationScoped
public class ChainHeads {

    private static final Logger LOG = Logger.getLogger(ChainHeads.class);

    private final BroadcastProcessor<BlockHead> broadcast = BroadcastProcessor.create();
    private final AtomicReference<BlockHead> last = new AtomicReference<>();
    private volatile long lastHeadAtMillis;
    private final ChainConfig config;
    private final Web3j web3j;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private volatile ChainHeadStream source;
    private Cancellable following;

    ChainHeads(ChainConfig config, Web3j web3j, Vertx vertx, MeterRegistry meters) {
        this.config = config;
        this.web3j = web3j;
        this.vertx = vertx;
        this.meters = meters;
        meters.gauge("chain.head.age.seconds", this, ChainHeads::headAgeSeconds);
        meters.gauge("chain.head.number", this, h -> h.last.get() == null ? -1 : h.last.get().number());
    }

    void start(@Observes StartupEvent event) {
        if (!config.followHeads()) {
            return;
        }
        source = ChainHeadStream.create(vertx, web3j, config.wsUrl(), config.pollInterval(), config.callTimeout(), meters);
        // reorgs are logged and counted by the stream; here heads are only remembered and shared
        following = source.heads().subscribe().with(head -> {
            last.set(head);
            lastHeadAtMillis = System.currentTimeMillis();
            broadcast.onNext(head);
        }, failure -> LOG.error("head stream ended", failure));
    }

    void stop(@Observes ShutdownEvent event) {
        if (following != null) {
            following.cancel();
        }
        broadcast.onComplete();
    }

    /** Heads from now on (hot stream). */
    public Multi<BlockHead> stream() {
        return broadcast;
    }

    public BlockHead last() {
        return last.get();
    }

    public Duration headAge() {
        return lastHeadAtMillis == 0 ? null : Duration.ofMillis(System.currentTimeMillis() - lastHeadAtMillis);
    }

    /** Where heads come from now: "websocket" or "polling" ("none" when this service does not follow heads). */
    public String mode() {
        ChainHeadStream current = source;
        return current == null ? "none" : current.mode();
    }

    private double headAgeSeconds() {
        Duration age = headAge();
        return age == null ? Double.NaN : age.toMillis() / 1000.0;
    }
}

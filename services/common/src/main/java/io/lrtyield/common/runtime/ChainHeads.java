package io.lrtyield.common.runtime;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.chain.BlockHeadPoller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Follows the chain's heads once per service and shares them; remembers when the last one came (readiness). */
@ApplicationScoped
public class ChainHeads {

    private static final Logger LOG = Logger.getLogger(ChainHeads.class);

    private final BroadcastProcessor<BlockHead> broadcast = BroadcastProcessor.create();
    private final AtomicReference<BlockHead> last = new AtomicReference<>();
    private volatile long lastHeadAtMillis;
    private final ChainConfig config;
    private final Web3j web3j;
    private Cancellable polling;

    ChainHeads(ChainConfig config, Web3j web3j, MeterRegistry meters) {
        this.config = config;
        this.web3j = web3j;
        meters.gauge("chain.head.age.seconds", this, ChainHeads::headAgeSeconds);
        meters.gauge("chain.head.number", this, h -> h.last.get() == null ? -1 : h.last.get().number());
    }

    void start(@Observes StartupEvent event) {
        if (!config.followHeads()) {
            return;
        }
        polling = new BlockHeadPoller(web3j, config.pollInterval()).heads().subscribe().with(head -> {
            if (head.reorg()) {
                LOG.warnf("reorg at block %d (%s): parent %s", head.number(), head.hash(), head.parentHash());
            }
            last.set(head);
            lastHeadAtMillis = System.currentTimeMillis();
            broadcast.onNext(head);
        }, failure -> LOG.error("head stream ended", failure));
    }

    void stop(@Observes ShutdownEvent event) {
        if (polling != null) {
            polling.cancel();
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

    private double headAgeSeconds() {
        Duration age = headAge();
        return age == null ? Double.NaN : age.toMillis() / 1000.0;
    }
}

package io.lrtyield.rebalancer.lease;

import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.pipeline.RebalancerMetrics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The per-vault decision lease: of the rebalancer instances running for one vault, only the holder stores decisions,
 * proposes, approves and expires plans; the others (standbys) read the same market data and value the same portfolio
 * each block — their APIs answer, their caches are warm — and take the lease over within its TTL when the holder dies
 * or stops. Taken or renewed every third of the TTL; an instance that cannot reach Redis, or whose last renewal is older
 * than the TTL, does not lead (a decision needs Redis anyway). Executing is a lease of its own (the execution journal's,
 * with fencing); the dispatcher runs plans on whichever instance holds that one.
 */
@ApplicationScoped
public class DecisionLeader {

    private static final Logger LOG = Logger.getLogger(DecisionLeader.class);

    private final RedisLease lease;
    private final Duration ttl;
    private final Vertx vertx;
    private final RebalancerMetrics metrics;
    private final String instance = System.getenv().getOrDefault("HOSTNAME", "rebalancer") + "-" + UUID.randomUUID();
    private volatile long validUntilNanos;
    private volatile long token = -1;
    private volatile String state = "starting";
    private final java.util.concurrent.atomic.AtomicBoolean gained = new java.util.concurrent.atomic.AtomicBoolean();

    DecisionLeader(RebalancerConfig config, RedisDataSource redis, Vertx vertx, RebalancerMetrics metrics) {
        // the data source is created here, on the start-up thread: the first tick runs on a worker at once, and Quarkus'
        // Redis recorder must not create it there while another start-up observer creates it too (a
        // ConcurrentModificationException in RedisClientRecorder failed a start once)
        redis.value(String.class);
        this.lease = new RedisLease(redis, key(config.vault(), "decider"), key(config.vault(), "decider-fence"));
        this.ttl = config.decisionLeaseTtl();
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        long period = Math.max(200, ttl.toMillis() / 3);
        vertx.setPeriodic(0, period, id -> Infrastructure.getDefaultWorkerPool().execute(this::tick));
    }

    void stop(@Observes ShutdownEvent event) {
        if (token >= 0) {
            try {
                lease.release(instance);
                LOG.infof("%s handed back the decision lease", instance);
            } catch (RuntimeException e) {
                LOG.warnf("could not hand back the decision lease (a standby takes it after %s): %s", ttl, e.getMessage());
            }
            token = -1;
        }
    }

    /** Whether this instance decides now: it holds the lease and renewed it less than a TTL ago. */
    public boolean leads() {
        return token >= 0 && System.nanoTime() < validUntilNanos;
    }

    /**
     * Whether this instance took the lease since the last call (and clears it): the moment to resume deciding after the
     * last decision the previous holder stored.
     */
    public boolean takeGained() {
        return gained.getAndSet(false);
    }

    /** This instance's id in the election. */
    public String instance() {
        return instance;
    }

    /** "leader (token N)", "standby (…)" or why neither is known, for readiness and logs. */
    public String state() {
        return state;
    }

    void tick() {
        long asked = System.nanoTime();
        boolean before = token >= 0;
        try {
            OptionalLong held = lease.acquire(instance, ttl);
            token = held.orElse(-1);
            if (held.isPresent()) {
                validUntilNanos = asked + ttl.toNanos();
                state = "leader (fencing token " + token + ")";
                if (!before) {
                    gained.set(true);
                    LOG.infof("%s leads the decisions of the vault (fencing token %d)", instance, token);
                }
            } else {
                state = "standby (another instance decides)";
                if (before) {
                    LOG.warnf("%s lost the decision lease: standby", instance);
                }
            }
        } catch (RuntimeException e) {
            token = -1;
            state = "standby: the lease cannot be checked (" + e.getMessage() + ")";
            LOG.warnf("decision lease tick failed: %s", e.getMessage());
        }
        metrics.deciderActive(token >= 0);
    }

    static String key(String vault, String what) {
        return "rebalancer:{" + vault.toLowerCase() + "}:" + what;
    }
}

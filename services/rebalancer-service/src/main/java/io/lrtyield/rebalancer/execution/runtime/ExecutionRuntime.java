package io.lrtyield.rebalancer.execution.runtime;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.VaultAddress;
import io.lrtyield.rebalancer.admin.KillSwitch;
import io.lrtyield.rebalancer.execution.AddressBook;
import io.lrtyield.rebalancer.execution.FeeOracle;
import io.lrtyield.rebalancer.execution.FeePolicy;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.ReplacementPolicy;
import io.lrtyield.rebalancer.execution.TransactionSimulator;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistConsistency;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistLoader;
import io.lrtyield.rebalancer.execution.allowlist.VaultAllowlistVerifier;
import io.lrtyield.common.event.ExecutionEvent;
import io.lrtyield.common.event.Topics;
import io.lrtyield.rebalancer.execution.ExecutionEventPublisher;
import io.lrtyield.rebalancer.execution.ExecutionListeners;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.chain.Web3jExecutionChain;
import io.lrtyield.rebalancer.execution.journal.ActiveExecutor;
import io.lrtyield.rebalancer.execution.journal.RedisExecutionJournal;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import org.eclipse.microprofile.reactive.messaging.Channel;
import io.vertx.mutiny.core.Vertx;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Wires the execution engine when {@code rebalancer.execution.enabled}: once the catalogue is loaded, resolves the
 * vault and the address book, loads the off-chain allowlist, compares it with the vault's on-chain allowlist and
 * refuses to run on any difference (stops the service, or stays not-ready and never signs). Only then is the
 * keystore unlocked and the instance joins the per-vault executor election ({@link ActiveExecutor}: Redis lease with
 * a fencing token, journal resumed by whoever takes the lease).
 */
@ApplicationScoped
public class ExecutionRuntime {

    private static final Logger LOG = Logger.getLogger(ExecutionRuntime.class);
    private static final BigDecimal GWEI = BigDecimal.TEN.pow(9);

    private final ExecutionConfig config;
    private final CatalogueProvider catalogue;
    private final Web3j web3j;
    private final RedisDataSource redis;
    private final Vertx vertx;
    private final MutinyEmitter<Record<String, ExecutionEvent>> events;
    private final KillSwitch killSwitch;
    private final ChainHeads heads;
    private final String instanceId = System.getenv().getOrDefault("HOSTNAME", "rebalancer") + "-" + UUID.randomUUID();
    private final io.lrtyield.rebalancer.pipeline.RebalancerMetrics metrics;
    private final RebalancerConfig rebalancer;
    private volatile ActiveExecutor executor;
    private volatile String state = "disabled";

    ExecutionRuntime(ExecutionConfig config, RebalancerConfig rebalancer, CatalogueProvider catalogue, Web3j web3j, RedisDataSource redis, Vertx vertx,
                     @Channel(Topics.EXECUTIONS_CHANNEL) MutinyEmitter<Record<String, ExecutionEvent>> events,
                     KillSwitch killSwitch, ChainHeads heads, io.lrtyield.rebalancer.pipeline.RebalancerMetrics metrics) {
        this.metrics = metrics;
        this.heads = heads;
        this.events = events;
        this.killSwitch = killSwitch;
        this.config = config;
        this.rebalancer = rebalancer;
        this.catalogue = catalogue;
        this.web3j = web3j;
        this.redis = redis;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        state = "waiting for the catalogue";
        catalogue.catalogue()
                .chain(c -> Uni.createFrom().item(() -> prepare(c)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .subscribe().with(e -> {
                    executor = e;
                    state = "ready (standby until it holds the lease)";
                    long period = Math.max(500, config.leaseTtl().toMillis() / 3);
                    vertx.setPeriodic(0, period, id -> Infrastructure.getDefaultWorkerPool().execute(this::tick));
                }, this::refuse);
    }

    void stop(@Observes ShutdownEvent event) {
        ActiveExecutor e = executor;
        if (e != null) {
            e.release();
        }
    }

    /** The executor, once the allowlists matched and the signer is unlocked. */
    public Optional<ActiveExecutor> executor() {
        return Optional.ofNullable(executor);
    }

    /**
     * Runs a plan on this instance if it holds the vault's lease and the vault is not paused by an admin (the kill
     * switch; plans already journaled are still resumed by the lease holder when it takes the lease). Idempotent per
     * plan id: a plan the journal already holds is resumed or reported, never signed again
     * ({@link ActiveExecutor#execute}). Blocking: worker threads only.
     */
    public ExecutionReport execute(ExecutionPlan plan) throws IOException {
        if (killSwitch.isPaused()) {
            throw new IllegalStateException("execution is paused by an admin (POST /api/v1/admin/resume)");
        }
        return executor().orElseThrow(() -> new IllegalStateException("execution is not available: " + state)).execute(plan);
    }

    private void tick() {
        ActiveExecutor e = executor;
        try {
            boolean active = e.tick();
            metrics.executorActive(active);
            state = active ? "active" : "standby";
        } catch (Exception ex) {
            metrics.executorActive(false);
            state = "lease or journal unavailable: " + ex.getMessage();
            LOG.warn("executor tick failed: " + ex.getMessage());
        }
    }

    /** This instance's id in the executor election. */
    public String instance() {
        return instanceId;
    }

    /** Why execution is (not) available, for readiness and the API. */
    public String state() {
        return state;
    }

    public boolean enabled() {
        return config.enabled();
    }

    private ActiveExecutor prepare(Catalogue c) {
        try {
            String vault = VaultAddress.resolve(rebalancer.vault(), c);
            Allowlist allowlist = loadAllowlist(AddressBook.of(c, config.addresses()), vault);
            state = "verifying the vault's allowlist";
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            AllowlistConsistency consistency = new VaultAllowlistVerifier(web3j).verify(allowlist, vault, config.allowlistFromBlock(), head);
            consistency.requireMatch(vault);
            LOG.infof("allowlist of vault %s matches the configuration (%d pairs) at block %d", vault, allowlist.pairs().size(), head);
            // receipts and stuck transactions are followed per new head (the service's head stream), with a block-number
            // poll as the fallback when no head arrives
            Web3jExecutionChain chain = new Web3jExecutionChain(web3j, heads.stream(), Web3jExecutionChain.DEFAULT_POLL_INTERVAL);
            KeystoreSigner signer = KeystoreSigner.fromKeystore(Path.of(config.keystoreFile()
                    .orElseThrow(() -> new IllegalStateException("rebalancer.execution.keystore-file is not set"))),
                    config.keystorePasswordEnv(), System::getenv);
            FeePolicy fees = new FeePolicy(config.feeHistoryBlocks(), config.feeRewardPercentile(), wei(config.minPriorityFeeGwei()),
                    wei(config.maxPriorityFeeGwei()), wei(config.maxFeeGwei()));
            LOG.infof("execution ready: vault %s, strategist %s", vault, signer.address());
            TransactionSimulator simulator = new TransactionSimulator(chain, config.gasMarginBps());
            FeeOracle feeOracle = new FeeOracle(chain, fees);
            ExecutionEventPublisher publisher = new ExecutionEventPublisher(vault, chain.chainId(),
                    e -> events.send(Record.of(vault, e)).await().atMost(Duration.ofSeconds(5)));
            ActiveExecutor.ExecutorFactory factory = (journaling, nonces) -> new PlanExecutor(chain, allowlist, simulator, feeOracle,
                    signer, vault, config.receiptTimeout(), ExecutionListeners.of(journaling, publisher), nonces)
                    .withReplacement(new ReplacementPolicy(config.stuckAfterBlocks(), config.replacementBumpBps(), config.maxReplacements()))
                    .withConfirmations(config.confirmations())
                    .withPause(killSwitch::isPaused);
            return new ActiveExecutor(new RedisExecutionJournal(redis), chain, vault, instanceId, config.leaseTtl(),
                    config.receiptTimeout(), factory, publisher);
        } catch (IOException e) {
            throw new IllegalStateException("execution set-up failed: " + e.getMessage(), e);
        }
    }

    private void refuse(Throwable e) {
        state = "refused: " + e.getMessage();
        LOG.error("execution refused to start: " + e.getMessage());
        if (config.exitOnAllowlistMismatch()) {
            Quarkus.asyncExit(1);
        }
    }

    private Allowlist loadAllowlist(Map<String, String> book, String vault) throws IOException {
        String location = config.allowlist();
        try (InputStream in = location.startsWith("classpath:")
                ? Thread.currentThread().getContextClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IOException("allowlist " + location + " not found");
            }
            return AllowlistLoader.load(in, book, vault);
        }
    }

    private static BigInteger wei(BigDecimal gwei) {
        return gwei.multiply(GWEI).toBigIntegerExact();
    }
}

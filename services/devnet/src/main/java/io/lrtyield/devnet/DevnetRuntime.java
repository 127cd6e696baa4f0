package io.lrtyield.devnet;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.MarketActions;
import io.lrtyield.devnet.simulator.MarketSimulator;
import io.lrtyield.devnet.simulator.ScenarioEngine;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/** Deploys the devnet in the background at start (retrying until Anvil answers), then runs the simulator. */
@ApplicationScoped
public class DevnetRuntime {

    private static final Logger LOG = Logger.getLogger(DevnetRuntime.class);

    private final Web3j web3j;
    private final VertxJsonRpcService transport;
    private final DevnetConfig config;
    private volatile DevnetDeployment deployment;
    private volatile Catalogue catalogue;
    private volatile MarketSimulator simulator;
    private volatile ScenarioEngine scenarios;
    private volatile io.lrtyield.devnet.simulator.SlashSimulator slasher;
    private volatile io.lrtyield.devnet.simulator.IssuerAdminScenarios issuerAdmin;
    private volatile String lastError = "deploying";

    DevnetRuntime(Web3j web3j, VertxJsonRpcService transport, DevnetConfig config) {
        this.web3j = web3j;
        this.transport = transport;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Uni.createFrom().item(this::deployOnce)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> {
                    lastError = e.getMessage();
                    LOG.infof("devnet deployment failed (%s); retrying", e.getMessage());
                })
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(3)).atMost(60)
                .subscribe().with(d -> { }, e -> LOG.error("devnet deployment gave up", e));
    }

    private DevnetDeployment deployOnce() {
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            TxSender deployer = new TxSender(web3j, Credentials.create(config.deployerKey()), chainId);
            TxSender oracle = new TxSender(web3j, Credentials.create(config.oracleKey()), chainId);
            AnvilRpc anvil = new AnvilRpc(transport);
            TxSender marketMaker = new TxSender(web3j, Credentials.create(config.marketMakerKey()), chainId);
            MarketDeployer markets = config.deployMarkets()
                    ? new MarketDeployer(web3j, anvil, deployer, oracle, marketMaker, config.strategistAddress()) : null;
            DevnetDeployment d = new DevnetDeployer(web3j, deployer, oracle, anvil, markets).deploy(config.seedStakeEth(), config.seedWrapEth());
            MarketSimulator s = new MarketSimulator(web3j, oracle, d, config.simulator().aprs(), config.simulator().secondsPerBlock());
            if (d.markets() != null) {
                var sim = config.simulator();
                // the engine shares the reward simulator's monitor: both write with the oracle's nonces
                long seed = sim.seed().orElseGet(System::nanoTime);
                LOG.infof("market simulator seed %d (devnet.simulator.seed replays this run's moves)", seed);
                scenarios = new ScenarioEngine(new MarketActions(web3j, d, deployer, oracle, marketMaker),
                        new ScenarioEngine.Settings(sim.feedHeartbeat(), sim.feedDeviation(), sim.pegBandBps(), sim.marketMoves(),
                                sim.ethUsdStepBps(), sim.ethUsdBandBps(), sim.redstoneHeartbeat(), sim.redstoneDeviation()),
                        s, seed);
            }
            if (d.restaking() != null) {
                slasher = new io.lrtyield.devnet.simulator.SlashSimulator(web3j, oracle, d.restaking(), d.kelpOracle(), s);
            }
            issuerAdmin = new io.lrtyield.devnet.simulator.IssuerAdminScenarios(oracle, d, s);
            if (config.simulator().secondsPerBlock() > 0) {
                anvil.setBlockTimestampInterval(config.simulator().secondsPerBlock());
            } else {
                // the interval outlives the process that set it: an earlier run's compressed time must not linger
                anvil.removeBlockTimestampInterval();
            }
            simulator = s;
            Catalogue c = DevnetCatalogue.of(d, config.simulator().feedHeartbeat().toSeconds(),
                    config.simulator().redstoneHeartbeat().toSeconds());
            writeCatalogue(c);
            catalogue = c;
            deployment = d;
            return d;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Written atomically (temp file + move) so a reader never sees half a catalogue. */
    private void writeCatalogue(Catalogue c) {
        String file = config.catalogueFile();
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(file).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".catalogue", ".tmp");
            Files.writeString(tmp, EventCodec.toJson(c));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("devnet catalogue written to %s", target);
        } catch (java.io.IOException | RuntimeException e) {
            // the REST endpoint still serves it; a file is a convenience for services started without the devnet's URL
            LOG.warnf("could not write the devnet catalogue to %s: %s", file, e.getMessage());
        }
    }

    private volatile long lastReportedBlock = -1;
    private volatile long lastTickedBlock = -1;

    /**
     * Reward reports, at most once per block: polled often, a report goes out right after a block, so it is mined in
     * the next one and accrues through exactly that block's timestamp (see MarketSimulator). Its own job, so a slow
     * market tick never delays it.
     */
    @Scheduled(every = "${devnet.simulator.report-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SimulatorOff.class)
    void report() {
        MarketSimulator s = simulator;
        if (s == null) {
            return;
        }
        try {
            long latest = latestBlock();
            if (latest != lastReportedBlock) {
                lastReportedBlock = latest;
                s.report();
            }
        } catch (Exception e) {
            LOG.warnf("oracle report failed: %s", e.getMessage());
        }
    }

    /** Market moves and scenarios, at most once per block. */
    @Scheduled(every = "${devnet.simulator.report-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SimulatorOff.class)
    void tick() {
        ScenarioEngine engine = scenarios;
        if (engine == null) {
            return;
        }
        try {
            long latest = latestBlock();
            if (latest != lastTickedBlock) {
                lastTickedBlock = latest;
                engine.tick();
            }
        } catch (Exception e) {
            LOG.warnf("market tick failed: %s", e.getMessage());
        }
    }

    private long latestBlock() throws java.io.IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public Optional<Catalogue> catalogue() {
        return Optional.ofNullable(catalogue);
    }

    public Optional<DevnetDeployment> deployment() {
        return Optional.ofNullable(deployment);
    }

    /** The slash scenario; empty until deployed, or without the restaking layer. */
    /** The issuers' pause and oracle-change scenarios, once the replicas are deployed. */
    public Optional<io.lrtyield.devnet.simulator.IssuerAdminScenarios> issuerAdmin() {
        return Optional.ofNullable(issuerAdmin);
    }

    public Optional<io.lrtyield.devnet.simulator.SlashSimulator> slasher() {
        return Optional.ofNullable(slasher);
    }

    /** The market moves and scenarios; empty until deployed, or when the markets are switched off. */
    public Optional<ScenarioEngine> scenarios() {
        return Optional.ofNullable(scenarios);
    }

    public Optional<MarketSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    String lastError() {
        return lastError;
    }

    /** Skips the simulator when it is switched off in configuration. */
    @ApplicationScoped
    public static class SimulatorOff implements Scheduled.SkipPredicate {
        private final DevnetConfig config;

        SimulatorOff(DevnetConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.simulator().enabled();
        }
    }
}

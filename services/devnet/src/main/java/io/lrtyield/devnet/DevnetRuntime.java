package io.lrtyield.devnet;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.MarketSimulator;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

import java.time.Duration;
import java.util.Optional;

/** Deploys the devnet in the background at start (retrying until Anvil answers), then runs the simulator. */
@ApplicationScoped
public class DevnetRuntime {

    private static final Logger LOG = Logger.getLogger(DevnetRuntime.class);

    private final Web3j web3j;
    private final DevnetConfig config;
    private volatile DevnetDeployment deployment;
    private volatile Catalogue catalogue;
    private volatile MarketSimulator simulator;
    private volatile String lastError = "deploying";

    DevnetRuntime(Web3j web3j, DevnetConfig config) {
        this.web3j = web3j;
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
            DevnetDeployment d = new DevnetDeployer(web3j, deployer, oracle).deploy(config.seedStakeEth(), config.seedWrapEth());
            simulator = new MarketSimulator(web3j, oracle, d, config.simulator().aprs());
            catalogue = DevnetCatalogue.of(d);
            deployment = d;
            return d;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Scheduled(every = "${devnet.simulator.report-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SimulatorOff.class)
    void simulate() {
        MarketSimulator s = simulator;
        if (s == null) {
            return;
        }
        try {
            s.report();
        } catch (Exception e) {
            LOG.warnf("oracle report failed: %s", e.getMessage());
        }
    }

    public Optional<Catalogue> catalogue() {
        return Optional.ofNullable(catalogue);
    }

    public Optional<DevnetDeployment> deployment() {
        return Optional.ofNullable(deployment);
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

package io.lrtyield.rebalancer.execution.runtime;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.rebalancer.execution.AddressBook;
import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.FeeOracle;
import io.lrtyield.rebalancer.execution.FeePolicy;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.TransactionSimulator;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistConsistency;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistLoader;
import io.lrtyield.rebalancer.execution.allowlist.VaultAllowlistVerifier;
import io.lrtyield.rebalancer.execution.chain.Web3jExecutionChain;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
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
import java.util.Map;
import java.util.Optional;

/**
 * Wires the execution engine when {@code rebalancer.execution.enabled}: once the catalogue is loaded, resolves the
 * vault and the address book, loads the off-chain allowlist, compares it with the vault's on-chain allowlist and
 * refuses to run on any difference (stops the service, or stays not-ready and never signs). Only then is the
 * keystore unlocked and a {@link PlanExecutor} built.
 */
@ApplicationScoped
public class ExecutionRuntime {

    private static final Logger LOG = Logger.getLogger(ExecutionRuntime.class);
    private static final BigDecimal GWEI = BigDecimal.TEN.pow(9);

    private final ExecutionConfig config;
    private final CatalogueProvider catalogue;
    private final Web3j web3j;
    private volatile PlanExecutor executor;
    private volatile String state = "disabled";

    ExecutionRuntime(ExecutionConfig config, CatalogueProvider catalogue, Web3j web3j) {
        this.config = config;
        this.catalogue = catalogue;
        this.web3j = web3j;
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
                    state = "ready";
                }, this::refuse);
    }

    /** The executor, once the allowlists matched and the signer is unlocked. */
    public Optional<PlanExecutor> executor() {
        return Optional.ofNullable(executor);
    }

    /** Why execution is (not) available, for readiness and the API. */
    public String state() {
        return state;
    }

    public boolean enabled() {
        return config.enabled();
    }

    private PlanExecutor prepare(Catalogue c) {
        try {
            String vault = c.contracts().get(config.vaultContract());
            if (vault == null) {
                throw new IllegalStateException("catalogue names no contract '" + config.vaultContract() + "' (the vault)");
            }
            Allowlist allowlist = loadAllowlist(AddressBook.of(c, config.addresses()), vault);
            state = "verifying the vault's allowlist";
            long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            AllowlistConsistency consistency = new VaultAllowlistVerifier(web3j).verify(allowlist, vault, config.allowlistFromBlock(), head);
            consistency.requireMatch(vault);
            LOG.infof("allowlist of vault %s matches the configuration (%d pairs) at block %d", vault, allowlist.pairs().size(), head);
            Web3jExecutionChain chain = new Web3jExecutionChain(web3j);
            KeystoreSigner signer = KeystoreSigner.fromKeystore(Path.of(config.keystoreFile()
                    .orElseThrow(() -> new IllegalStateException("rebalancer.execution.keystore-file is not set"))),
                    config.keystorePasswordEnv(), System::getenv);
            FeePolicy fees = new FeePolicy(config.feeHistoryBlocks(), config.feeRewardPercentile(), wei(config.minPriorityFeeGwei()),
                    wei(config.maxPriorityFeeGwei()), wei(config.maxFeeGwei()));
            LOG.infof("execution ready: vault %s, strategist %s", vault, signer.address());
            return new PlanExecutor(chain, allowlist, new TransactionSimulator(chain, config.gasMarginBps()), new FeeOracle(chain, fees),
                    signer, vault, config.receiptTimeout(), ExecutionListener.NONE);
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

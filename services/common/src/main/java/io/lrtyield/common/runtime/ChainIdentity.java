package io.lrtyield.common.runtime;

import io.lrtyield.common.catalogue.Catalogue;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;

import java.time.Duration;

/**
 * The catalogue and the RPC node must describe the same chain: a mainnet catalogue read from a devnet node (or the
 * reverse) would price the wrong contracts. Once both are known, the node's {@code eth_chainId} is compared with the
 * catalogue's; on a mismatch nothing that reads the chain may start, and readiness says why.
 */
@ApplicationScoped
public class ChainIdentity {

    private static final Logger LOG = Logger.getLogger(ChainIdentity.class);

    private final CatalogueProvider catalogues;
    private final ChainConfig config;
    private final Uni<Catalogue> verified;
    private volatile String problem = "not verified yet";

    ChainIdentity(CatalogueProvider catalogues, Web3j web3j, ChainConfig config) {
        this.catalogues = catalogues;
        this.config = config;
        this.verified = catalogues.catalogue()
                .chain(catalogue -> Uni.createFrom().completionStage(() -> web3j.ethChainId().sendAsync())
                        .map(response -> response.getChainId().longValueExact())
                        .onFailure().invoke(e -> problem = "cannot read the node's chain id: " + e.getMessage())
                        .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                        .map(nodeChain -> check(catalogue, nodeChain)))
                .memoize().indefinitely();
    }

    void start(@Observes StartupEvent event) {
        if (required()) {
            verified.subscribe().with(c -> LOG.infof("RPC node and catalogue agree: chain %d", c.chainId()),
                    e -> LOG.error("refusing to read the chain: " + e.getMessage()));
        }
    }

    /** Completes with the catalogue once the node is known to serve its chain; fails on a mismatch. */
    public Uni<Catalogue> verifiedCatalogue() {
        return verified;
    }

    /** Null when verified (or nothing to verify); otherwise why not. */
    String problem() {
        return required() ? problem : null;
    }

    private boolean required() {
        return catalogues.configured() && config.followHeads();
    }

    private Catalogue check(Catalogue catalogue, long nodeChain) {
        if (nodeChain != catalogue.chainId()) {
            problem = "catalogue " + catalogue.network() + " is for chain " + catalogue.chainId()
                    + " but the RPC node serves chain " + nodeChain;
            throw new IllegalStateException(problem);
        }
        problem = null;
        return catalogue;
    }
}

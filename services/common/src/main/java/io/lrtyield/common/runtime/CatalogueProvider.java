package io.lrtyield.common.runtime;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Loads the catalogue once, in the background and retrying, so a service starts (and says it is not ready)
 * before the devnet has published its catalogue. {@link #catalogue()} completes when it is loaded.
 */
@ApplicationScoped
public class CatalogueProvider {

    private static final Logger LOG = Logger.getLogger(CatalogueProvider.class);

    private final CatalogueConfig config;
    private final Uni<Catalogue> loaded;
    private volatile Catalogue current;
    private volatile String lastError = "not loaded yet";

    CatalogueProvider(CatalogueConfig config) {
        this.config = config;
        this.loaded = Uni.createFrom().item(this::loadOnce)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> {
                    lastError = e.getMessage();
                    LOG.infof("catalogue not available yet (%s); retrying every %s", e.getMessage(), config.retryInterval());
                })
                .onFailure().retry().withBackOff(config.retryInterval(), config.retryInterval()).indefinitely()
                .invoke(c -> {
                    current = c;
                    LOG.infof("catalogue %s loaded: chain %d, %d assets, %d venues", c.network(), c.chainId(),
                            c.assets().size(), c.venues().size());
                })
                .memoize().indefinitely();
    }

    void start(@Observes StartupEvent event) {
        if (config.location().isPresent()) {
            loaded.subscribe().with(c -> { }, e -> LOG.error("catalogue loading stopped", e));
        }
    }

    /** Completes with the catalogue once loaded. */
    public Uni<Catalogue> catalogue() {
        return loaded;
    }

    public Optional<Catalogue> current() {
        return Optional.ofNullable(current);
    }

    public boolean configured() {
        return config.location().isPresent();
    }

    String lastError() {
        return lastError;
    }

    private Catalogue loadOnce() {
        String location = config.location().orElseThrow(() -> new IllegalStateException("CATALOGUE is not set"));
        try {
            return CatalogueLoader.load(location);
        } catch (Exception e) {
            throw new IllegalStateException(location + ": " + e.getMessage(), e);
        }
    }
}

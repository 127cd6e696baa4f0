package io.lrtyield.common.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the venue catalogue is loaded. */
@Readiness
@ApplicationScoped
public class CatalogueReadinessCheck implements HealthCheck {

    private final CatalogueProvider provider;

    CatalogueReadinessCheck(CatalogueProvider provider) {
        this.provider = provider;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("catalogue");
        if (!provider.configured()) {
            return response.up().withData("catalogue", "none configured for this service").build();
        }
        return provider.current()
                .map(c -> response.up().withData("network", c.network()).withData("venues", c.venues().size()).build())
                .orElseGet(() -> response.down().withData("reason", provider.lastError()).build());
    }
}

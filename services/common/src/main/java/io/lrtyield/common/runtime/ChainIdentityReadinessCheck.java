package io.lrtyield.common.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the RPC node is known to serve the catalogue's chain. */
@Readiness
@ApplicationScoped
public class ChainIdentityReadinessCheck implements HealthCheck {

    private final ChainIdentity identity;

    ChainIdentityReadinessCheck(ChainIdentity identity) {
        this.identity = identity;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = identity.problem();
        var response = HealthCheckResponse.named("chain-identity");
        return problem == null ? response.up().build() : response.down().withData("reason", problem).build();
    }
}

package io.lrtyield.devnet;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the replicas are deployed and the catalogue can be served. */
@Readiness
@ApplicationScoped
public class DevnetReadinessCheck implements HealthCheck {

    private final DevnetRuntime runtime;

    DevnetReadinessCheck(DevnetRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("devnet");
        return runtime.deployment()
                .map(d -> response.up().withData("chainId", d.chainId()).withData("deployedAtBlock", d.deployedAtBlock()).build())
                .orElseGet(() -> response.down().withData("reason", runtime.lastError()).build());
    }
}

package io.lrtyield.common.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready only while fresh blocks arrive from the RPC endpoints: says why when not. */
@Readiness
@ApplicationScoped
public class ChainReadinessCheck implements HealthCheck {

    private final ChainHeads heads;
    private final ChainConfig config;

    ChainReadinessCheck(ChainHeads heads, ChainConfig config) {
        this.heads = heads;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("chain");
        if (!config.followHeads()) {
            return response.up().withData("heads", "not followed by this service").build();
        }
        Duration age = heads.headAge();
        if (age == null) {
            return response.down().withData("heads", heads.mode())
                    .withData("reason", "no block received yet from " + config.rpcUrls().size() + " RPC endpoint(s)").build();
        }
        response.withData("heads", heads.mode()).withData("block", heads.last().number()).withData("headAgeMs", age.toMillis());
        if (age.compareTo(config.maxHeadAge()) > 0) {
            return response.down().withData("reason", "no new block for " + age.toSeconds() + " s (limit " + config.maxHeadAge().toSeconds() + " s)").build();
        }
        return response.up().build();
    }
}

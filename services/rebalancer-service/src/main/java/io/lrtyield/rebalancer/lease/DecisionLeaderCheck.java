package io.lrtyield.rebalancer.lease;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether this instance leads the vault's decisions or stands by. Always UP: a standby serves the read APIs and
 * takes over by itself, so it belongs behind the Service as much as the leader.
 */
@Readiness
@ApplicationScoped
public class DecisionLeaderCheck implements HealthCheck {

    private final DecisionLeader leader;

    DecisionLeaderCheck(DecisionLeader leader) {
        this.leader = leader;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("decisions").up().withData("role", leader.leads() ? "leader" : "standby")
                .withData("state", leader.state()).withData("instance", leader.instance()).build();
    }
}

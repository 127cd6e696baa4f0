package io.lrtyield.rebalancer.execution.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when execution is disabled (decisions only) or set up; otherwise says why (e.g. the allowlists differ). */
@Readiness
@ApplicationScoped
public class ExecutionReadinessCheck implements HealthCheck {

    private final ExecutionRuntime runtime;

    ExecutionReadinessCheck(ExecutionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = !runtime.enabled() || runtime.executor().isPresent();
        return HealthCheckResponse.named("execution").status(up).withData("state", runtime.state()).build();
    }
}

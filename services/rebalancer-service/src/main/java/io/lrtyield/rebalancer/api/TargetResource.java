package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.wiring.MarketCache;
import io.lrtyield.strategy.optimizer.BindingConstraint;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/**
 * Dry run at the latest snapshot: what the policy would do now and why — each venue's contribution to the objective,
 * the binding constraints with their shadow prices, the gain and the costs, the venues left out and why.
 */
@Path("/api/v1/target")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    /** The dry run. */
    public record Target(long blockNumber, String action, String reason, double objective, double gainEth, double costEth,
                         List<VenueAllocation> venues, List<BindingConstraint> binding, Map<String, String> excluded,
                         List<String> notes) {
    }

    private final MarketCache cache;

    TargetResource(MarketCache cache) {
        this.cache = cache;
    }

    @GET
    @Operation(summary = "What the rebalancer would do now and why (contributions, binding constraints, costs)")
    public Target target() {
        PolicyOutcome o = cache.outcome();
        Portfolio p = cache.portfolio();
        if (o == null || p == null) {
            throw new ProblemException(503, "No snapshot yet", "no decision has been taken yet");
        }
        return new Target(p.blockNumber(), o.action(), o.reason(), o.result() == null ? 0 : o.result().objective(), o.gainEth(),
                o.costEth(), o.result() == null ? List.of() : o.result().allocations(),
                o.result() == null ? List.of() : o.result().binding(), o.excluded(), o.notes());
    }
}

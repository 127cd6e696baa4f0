package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.store.PlanStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * The vault's plans, newest first, read-only. Approving, rejecting and cancelling a plan are operator actions of the
 * secured admin API ({@code /api/v1/admin/plans/{id}/…}, gRPC {@code AdminService}), audited there; this resource
 * has no write endpoint.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanStore store;
    private final RebalancerConfig config;

    PlanResource(PlanStore store, RebalancerConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "The vault's plans, newest first")
    public Uni<List<StoredPlan>> plans(@QueryParam("limit") String limit) {
        return store.newest(config.vault(), QueryParams.intParam(limit, "limit", 50, 1, 1000));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One plan: actions with expected amounts and min-outs, loop steps with health factors, history")
    public Uni<StoredPlan> plan(@PathParam("id") String id) {
        return store.get(config.vault(), id).map(p -> p.orElseThrow(() -> notFound(id)));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "Not Found", "no plan " + id);
    }
}

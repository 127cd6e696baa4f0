package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.store.PlanStore;
import io.lrtyield.rebalancer.wiring.SnapshotPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The vault's plans, newest first, and the manual approval workflow (PROPOSED → APPROVED / REJECTED). Approve and
 * reject are operator actions: this service has no authentication yet, so expose them only behind one.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final PlanStore store;
    private final RebalancerConfig config;
    private final SnapshotPipeline pipeline;

    PlanResource(PlanStore store, RebalancerConfig config, SnapshotPipeline pipeline) {
        this.store = store;
        this.config = config;
        this.pipeline = pipeline;
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

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a proposed plan (operator)")
    public Uni<StoredPlan> approve(@PathParam("id") String id) {
        return move(id, PlanLifecycle.APPROVED, "approved by an operator");
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a proposed or approved plan (operator)")
    public Uni<StoredPlan> reject(@PathParam("id") String id) {
        return move(id, PlanLifecycle.REJECTED, "rejected by an operator");
    }

    private Uni<StoredPlan> move(String id, String status, String why) {
        return store.transition(config.vault(), id, status, why)
                .call(p -> pipeline.publish(p.plan()))
                .onFailure(NoSuchElementException.class).transform(e -> notFound(id))
                .onFailure(IllegalStateException.class).transform(e -> new ProblemException(409, "Conflict", e.getMessage()));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "Not Found", "no plan " + id);
    }
}

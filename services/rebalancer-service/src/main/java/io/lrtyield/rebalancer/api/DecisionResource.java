package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.decision.Decision;
import io.lrtyield.rebalancer.store.DecisionStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final DecisionStore store;
    private final RebalancerConfig config;

    DecisionResource(DecisionStore store, RebalancerConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "The vault's decisions, newest first")
    public Uni<List<Decision>> decisions(@QueryParam("limit") String limit) {
        return store.newest(config.vault(), QueryParams.intParam(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }
}

package io.lrtyield.price.api;

import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.price.store.AlertStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final int MAX_LIMIT = 1000;

    private final AlertStore alerts;

    AlertResource(AlertStore alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Risk alerts raised at or after block `since`, newest first")
    public Uni<List<RiskAlert>> since(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        return alerts.since(QueryParams.longParam(since, "since", 0, 0, Long.MAX_VALUE),
                QueryParams.intParam(limit, "limit", 100, 1, MAX_LIMIT));
    }
}

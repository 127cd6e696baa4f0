package io.lrtyield.devnet.api;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.devnet.DevnetRuntime;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DevnetResource {

    private final DevnetRuntime runtime;

    DevnetResource(DevnetRuntime runtime) {
        this.runtime = runtime;
    }

    @GET
    @Path("/catalogue")
    @Operation(summary = "The devnet venue catalogue, with the addresses of the deployed replicas")
    public Catalogue catalogue() {
        return runtime.catalogue().orElseThrow(DevnetResource::notDeployed);
    }

    @GET
    @Path("/deployment")
    @Operation(summary = "Addresses of the deployed replicas")
    public DevnetDeployment deployment() {
        return runtime.deployment().orElseThrow(DevnetResource::notDeployed);
    }

    @POST
    @Path("/scenarios/steth-apr")
    @Operation(summary = "Scenario: change the APR the Lido oracle reports accrue at (decimal fraction, 0 ≤ apr ≤ 1)")
    public Map<String, BigDecimal> setStethApr(@QueryParam("apr") BigDecimal apr) {
        if (apr == null || apr.signum() < 0 || apr.compareTo(BigDecimal.ONE) > 0) {
            throw ProblemException.badRequest("apr must be a decimal fraction between 0 and 1, e.g. apr=0.035");
        }
        var simulator = runtime.simulator().orElseThrow(DevnetResource::notDeployed);
        simulator.setStethApr(apr);
        return Map.of("stethApr", simulator.stethApr());
    }

    private static ProblemException notDeployed() {
        return new ProblemException(503, "Devnet not ready", "the replicas are still being deployed");
    }
}

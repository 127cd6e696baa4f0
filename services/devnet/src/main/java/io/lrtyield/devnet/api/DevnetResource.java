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

    @GET
    @Path("/market")
    @Operation(summary = "The simulator's state: the APR each token's rate accrues at")
    public Map<String, Object> market() {
        var simulator = runtime.simulator().orElseThrow(DevnetResource::notDeployed);
        return Map.of("aprs", simulator.aprs());
    }

    @POST
    @Path("/scenarios/apr")
    @Operation(summary = "Scenario: change the APR a token's rate accrues at (asset symbol; decimal fraction, -1 ≤ apr ≤ 1)")
    public Map<String, Object> setApr(@QueryParam("asset") String asset, @QueryParam("apr") String apr) {
        BigDecimal value;
        try {
            value = apr == null ? null : new BigDecimal(apr);
        } catch (NumberFormatException e) {
            value = null;
        }
        if (asset == null || value == null || value.compareTo(BigDecimal.ONE.negate()) < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw ProblemException.badRequest("need asset=<symbol> and apr=<decimal fraction between -1 and 1>, e.g. asset=rETH&apr=0.035");
        }
        var simulator = runtime.simulator().orElseThrow(DevnetResource::notDeployed);
        try {
            simulator.setApr(asset, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return Map.of("aprs", simulator.aprs());
    }

    private static ProblemException notDeployed() {
        return new ProblemException(503, "Devnet not ready", "the replicas are still being deployed");
    }
}

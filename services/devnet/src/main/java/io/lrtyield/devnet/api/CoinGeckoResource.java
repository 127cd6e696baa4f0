package io.lrtyield.devnet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.devnet.DevnetRuntime;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;

/**
 * A CoinGecko-compatible price endpoint, so an off-chain USD source can point at the devnet instead of
 * api.coingecko.com: the same path, query and body. The price is the simulator's ETH/USD, which the on-chain ETH/USD
 * feed follows by Chainlink's heartbeat/deviation rule (equal right after an eth-usd scenario or a fresh round).
 */
@Path("/api/v3/simple")
@Produces(MediaType.APPLICATION_JSON)
public class CoinGeckoResource {

    private final DevnetRuntime runtime;

    CoinGeckoResource(DevnetRuntime runtime) {
        this.runtime = runtime;
    }

    @GET
    @Path("/price")
    @Operation(summary = "CoinGecko simple/price: ids=ethereum,weth; vs_currencies=usd,eth; include_last_updated_at=true adds "
            + "last_updated_at (unix s). Unknown ids and currencies are left out; no ids or vs_currencies → 400")
    public ObjectNode price(@QueryParam("ids") String ids, @QueryParam("vs_currencies") String vsCurrencies,
                            @QueryParam("include_last_updated_at") String includeLastUpdatedAt) {
        SimplePrice query;
        try {
            query = SimplePrice.parse(ids, vsCurrencies, includeLastUpdatedAt);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        runtime.simulator().orElseThrow(() -> new ProblemException(503, "Devnet not ready", "the replicas are still being deployed"));
        var engine = runtime.scenarios().orElseThrow(() -> new ProblemException(503, "Markets not deployed",
                "ETH/USD is simulated with the markets (devnet.deploy-markets=true)"));
        try {
            return query.answer(engine.ethUsdQuote());
        } catch (IOException e) {
            throw new ProblemException(503, "Chain unavailable", "could not read the ETH/USD feed: " + e.getMessage());
        }
    }
}

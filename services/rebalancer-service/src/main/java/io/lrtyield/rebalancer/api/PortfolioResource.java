package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The vault's positions at the latest snapshot block. */
@Path("/api/v1/portfolio")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    private final MarketCache cache;

    PortfolioResource(MarketCache cache) {
        this.cache = cache;
    }

    @GET
    @Operation(summary = "Positions per venue (balances, Aave account, EigenLayer, PT), valued in ETH at fundamental and market prices")
    public Portfolio portfolio() {
        Portfolio p = cache.portfolio();
        if (p == null) {
            throw new ProblemException(503, "No snapshot yet", "no portfolio snapshot has been read yet");
        }
        return p;
    }
}

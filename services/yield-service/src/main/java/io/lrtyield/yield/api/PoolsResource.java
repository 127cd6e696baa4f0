package io.lrtyield.yield.api;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.yield.store.QuoteStore;
import io.lrtyield.yield.pipeline.YieldPipeline;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DefiLlama yield-server compatible view ({@code {"status":"success","data":[…]}}, APYs in percent): {@code apyBase}
 * is our net APY, {@code apyReward} null (no reward-token streams; points are in {@code apyPointsLow/High}, never in
 * {@code apy}), {@code tvlUsd} from the venue's on-chain liquidity and ETH/USD of the latest price tick (0 when
 * either is unknown). Our fields follow DefiLlama's.
 */
@Path("/pools")
@Produces(MediaType.APPLICATION_JSON)
public class PoolsResource {

    private final QuoteStore quotes;
    private final CatalogueProvider catalogues;
    private final YieldPipeline pipeline;

    PoolsResource(QuoteStore quotes, CatalogueProvider catalogues, YieldPipeline pipeline) {
        this.quotes = quotes;
        this.catalogues = catalogues;
        this.pipeline = pipeline;
    }

    @GET
    @Operation(summary = "Every venue with a quote, in DefiLlama's /pools shape")
    public Uni<YieldViews.PoolsResponse> pools() {
        Catalogue catalogue = catalogues.current()
                .orElseThrow(() -> new ProblemException(503, "Not ready", "the venue catalogue is not loaded yet"));
        Map<String, Venue> venues = catalogue.venues().stream().collect(Collectors.toMap(Venue::id, Function.identity()));
        return quotes.latest(catalogue.venues().stream().map(Venue::id).toList())
                .map(list -> new YieldViews.PoolsResponse("success", list.stream()
                        .map(q -> YieldViews.pool(catalogue, venues.get(q.venueId()), q, pipeline.ethUsd())).toList()));
    }
}

package io.lrtyield.yield.api;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.yield.history.QuoteStore;
import io.lrtyield.yield.pipeline.YieldPipeline;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.Comparator;
import java.util.List;

/**
 * Yield quotes. Convention for every venue: APR from fundamental-rate growth over block timestamps, APY = (1 + APR/365)^365 − 1,
 * decimal fractions (0.0312 = 3.12 %).
 */
@Path("/api/v1/yields")
@Produces(MediaType.APPLICATION_JSON)
public class YieldResource {

    private final QuoteStore quotes;
    private final CatalogueProvider catalogues;
    private final YieldPipeline pipeline;

    YieldResource(QuoteStore quotes, CatalogueProvider catalogues, YieldPipeline pipeline) {
        this.quotes = quotes;
        this.catalogues = catalogues;
        this.pipeline = pipeline;
    }

    @GET
    @Operation(summary = "Latest quote of every venue, highest net APY first; filters: kind, asset, riskTier")
    public Uni<List<YieldQuote>> all(@QueryParam("kind") String kind, @QueryParam("asset") String asset,
                                     @QueryParam("riskTier") Integer riskTier) {
        List<String> ids = catalogue().venues().stream()
                .filter(v -> kind == null || v.kind().equalsIgnoreCase(kind))
                .filter(v -> asset == null || v.asset().equalsIgnoreCase(asset))
                .filter(v -> riskTier == null || v.riskTier() == riskTier)
                .map(Venue::id).toList();
        return quotes.latest(ids).map(list -> list.stream().sorted(Comparator.comparing(YieldQuote::netApy).reversed()).toList());
    }

    @GET
    @Path("/{venue}")
    @Operation(summary = "Latest quote of one venue")
    public Uni<YieldQuote> one(@PathParam("venue") String venueId) {
        catalogue().venue(venueId).orElseThrow(() -> ProblemException.notFound("venue", venueId));
        return quotes.latest(venueId).map(q -> {
            if (q == null) {
                throw new ProblemException(404, "No quote yet", "venue " + venueId + " has no quote yet (needs two rate observations)");
            }
            return q;
        });
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: every quote as it is published on yields.v1")
    public Multi<YieldQuote> stream() {
        return pipeline.published();
    }

    private Catalogue catalogue() {
        return catalogues.current().orElseThrow(() -> new ProblemException(503, "Not ready", "the venue catalogue is not loaded yet"));
    }
}

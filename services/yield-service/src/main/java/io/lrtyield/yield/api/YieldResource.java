package io.lrtyield.yield.api;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.yield.YieldConfig;
import io.lrtyield.yield.store.QuoteStore;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Yield quotes. One convention for every venue (see {@code model.YieldMath}): APY is the effective annual yield over
 * a 365-day year, compounded as the source accrues (per second for lending rates, continuously for Pendle's implied
 * rate, daily for exchange-rate growth measured over block-timestamp windows); decimal fractions (0.0312 = 3.12 %).
 * Points are shown as a separate band, never in {@code netApy}. Bad parameters → 400 problem+json, unknown venue → 404.
 */
@Path("/api/v1/yields")
@Produces(MediaType.APPLICATION_JSON)
public class YieldResource {

    /** Events an SSE subscriber may fall behind by before its stream is failed (its client reconnects). */
    static final int STREAM_BUFFER = 4096;

    private final QuoteStore quotes;
    private final CatalogueProvider catalogues;
    private final YieldPipeline pipeline;
    private final YieldConfig config;

    YieldResource(QuoteStore quotes, CatalogueProvider catalogues, YieldPipeline pipeline, YieldConfig config) {
        this.quotes = quotes;
        this.catalogues = catalogues;
        this.pipeline = pipeline;
        this.config = config;
    }

    @GET
    @Operation(summary = "Latest quote of every venue, highest net APY first",
            description = "With size, each quote's netApy is the net APY for a position of that many ETH (entry/exit costs "
                    + "amortised, own rate impact), interpolated on its size curve; venues that cannot take that size are left out.")
    @APIResponse(responseCode = "200", description = "quotes")
    @APIResponse(responseCode = "400", description = "bad filter (problem+json)")
    public Uni<List<YieldQuote>> all(
            @Parameter(description = "venue kind, e.g. LEVERAGED_LOOP") @QueryParam("kind") String kind,
            @Parameter(description = "asset symbol held by the venue") @QueryParam("asset") String asset,
            @Parameter(description = "risk tier 1–5") @QueryParam("tier") String tier,
            @Parameter(description = "alias of tier") @QueryParam("riskTier") String riskTier,
            @Parameter(description = "netApy (best first, default) or netApy:asc") @QueryParam("sort") String sort,
            @Parameter(description = "position size in ETH") @QueryParam("size") String size) {
        Catalogue catalogue = catalogue();
        YieldViews.Filter filter = YieldViews.Filter.parse(catalogue, kind, asset, tier, riskTier, sort, size);
        List<String> ids = catalogue.venues().stream().filter(filter::matches).map(Venue::id).toList();
        return quotes.latest(ids).map(list -> YieldViews.sorted(list.stream()
                .map(q -> YieldViews.atSize(q, filter.sizeEth())).flatMap(Optional::stream).toList(), filter.ascending()));
    }

    @GET
    @Path("/{venue}")
    @Operation(summary = "Latest quote of one venue; with size, its net APY at that position size")
    @APIResponse(responseCode = "404", description = "unknown venue, or no quote yet (problem+json)")
    @APIResponse(responseCode = "422", description = "the venue cannot take a position of that size (problem+json)")
    public Uni<YieldQuote> one(@PathParam("venue") String venueId,
                               @Parameter(description = "position size in ETH") @QueryParam("size") String size) {
        known(venueId);
        BigDecimal s = YieldViews.size(size);
        return quotes.latest(venueId).map(q -> {
            if (q == null) {
                throw new ProblemException(404, "No quote yet", "venue " + venueId + " has no quote yet");
            }
            return YieldViews.atSize(q, s).orElseThrow(() -> new ProblemException(422, "Size not available",
                    "venue " + venueId + " has no net APY for " + s.toPlainString() + " ETH (beyond its size curve or its liquidity)"));
        });
    }

    @GET
    @Path("/{venue}/history")
    @Operation(summary = "Published quotes of one venue between two blocks (inclusive), oldest first; with size, net APY at that size")
    public Uni<List<YieldQuote>> history(@PathParam("venue") String venueId, @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("limit") String limit, @QueryParam("size") String size) {
        known(venueId);
        long fromBlock = QueryParams.longParam(from, "from", 0, 0, Long.MAX_VALUE);
        long toBlock = QueryParams.longParam(to, "to", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int max = QueryParams.intParam(limit, "limit", config.historyMaxLimit(), 1, config.historyMaxLimit());
        if (toBlock < fromBlock) {
            throw ProblemException.badRequest("need from <= to (block numbers), got from=" + fromBlock + " to=" + toBlock);
        }
        BigDecimal s = YieldViews.size(size);
        return quotes.history(venueId, fromBlock, toBlock, max)
                .map(list -> list.stream().map(q -> YieldViews.atSize(q, s)).flatMap(Optional::stream).toList());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: every quote as it is published on yields.v1")
    public Multi<YieldQuote> stream() {
        // A block publishes one quote per venue at once, faster than an SSE client asks for the next; without a buffer of its
        // own each subscriber of the broadcast fails on the second one (back-pressure) and its stream ends.
        return pipeline.published().onOverflow().buffer(STREAM_BUFFER);
    }

    private void known(String venueId) {
        catalogue().venue(venueId).orElseThrow(() -> ProblemException.notFound("venue", venueId));
    }

    private Catalogue catalogue() {
        return catalogues.current().orElseThrow(() -> new ProblemException(503, "Not ready", "the venue catalogue is not loaded yet"));
    }
}

package io.lrtyield.price.api;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.common.runtime.CatalogueProvider;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.price.PriceConfig;
import io.lrtyield.price.freshness.Freshness;
import io.lrtyield.common.chain.BlockGap;
import io.lrtyield.price.pipeline.PricePipeline;
import io.lrtyield.price.store.PriceStore;
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

import java.util.List;

@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    /** Events an SSE subscriber may fall behind by before its stream is failed (its client reconnects). */
    static final int STREAM_BUFFER = 4096;

    private final PriceStore store;
    private final CatalogueProvider catalogues;
    private final PricePipeline pipeline;
    private final PriceConfig config;

    private final ChainHeads heads;
    private final Freshness freshness;

    PriceResource(PriceStore store, CatalogueProvider catalogues, PricePipeline pipeline, PriceConfig config, ChainHeads heads) {
        this.heads = heads;
        this.freshness = new Freshness(config.staleAfterBlocks());
        this.store = store;
        this.catalogues = catalogues;
        this.pipeline = pipeline;
        this.config = config;
    }

    @GET
    @Operation(summary = "Latest tick of every priced asset (STALE once it is price.stale-after-blocks behind the head)")
    public Uni<List<PriceTick>> all() {
        return store.latest(catalogue().assets().stream().filter(Asset::priced).map(Asset::symbol).toList())
                .map(ticks -> ticks.stream().map(t -> freshness.atHead(t, head())).toList());
    }

    @GET
    @Path("/depeg-thresholds")
    @Operation(summary = "Each market-priced asset's depeg WARN and CRITICAL lines (bps of discount), from the catalogue")
    public List<DepegThresholds> depegThresholds() {
        return DepegThresholds.of(catalogue().assets());
    }

    @GET
    @Path("/{asset}")
    @Operation(summary = "Latest tick of one asset (STALE once it is price.stale-after-blocks behind the head)")
    public Uni<PriceTick> one(@PathParam("asset") String asset) {
        String symbol = known(asset);
        return store.latest(symbol).map(tick -> {
            if (tick == null) {
                throw new ProblemException(404, "No price yet", "no tick for " + symbol + " has been published yet");
            }
            return freshness.atHead(tick, head());
        });
    }

    @GET
    @Path("/{asset}/history")
    @Operation(summary = "Ticks of one asset between two blocks (inclusive), oldest first; blocks without one are listed by /gaps")
    public Uni<List<PriceTick>> history(@PathParam("asset") String asset, @QueryParam("from") String from,
                                        @QueryParam("to") String to, @QueryParam("limit") String limit) {
        String symbol = known(asset);
        long fromBlock = QueryParams.longParam(from, "from", 0, 0, Long.MAX_VALUE);
        long toBlock = QueryParams.longParam(to, "to", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int max = QueryParams.intParam(limit, "limit", config.historyMaxLimit(), 1, config.historyMaxLimit());
        if (toBlock < fromBlock) {
            throw ProblemException.badRequest("need from <= to (block numbers), got from=" + fromBlock + " to=" + toBlock);
        }
        return store.history(symbol, fromBlock, toBlock, max);
    }

    @GET
    @Path("/gaps")
    @Operation(summary = "Blocks that will never have a tick (the node could not serve them, or they fell out of the catch-up "
            + "window), by first block, oldest first")
    public Uni<List<BlockGap>> gaps(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit) {
        long fromBlock = QueryParams.longParam(from, "from", 0, 0, Long.MAX_VALUE);
        long toBlock = QueryParams.longParam(to, "to", Long.MAX_VALUE, 0, Long.MAX_VALUE);
        int max = QueryParams.intParam(limit, "limit", config.historyMaxLimit(), 1, config.historyMaxLimit());
        if (toBlock < fromBlock) {
            throw ProblemException.badRequest("need from <= to (block numbers), got from=" + fromBlock + " to=" + toBlock);
        }
        return store.gaps(fromBlock, toBlock, max);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: every tick as it is published")
    public Multi<PriceTick> stream() {
        // A block publishes one tick per asset at once, faster than an SSE client asks for the next; without a buffer of its
        // own each subscriber of the broadcast fails on the second one (back-pressure) and its stream ends.
        return pipeline.published().onOverflow().buffer(STREAM_BUFFER);
    }

    private Long head() {
        BlockHead h = heads.last();
        return h == null ? null : h.number();
    }

    private String known(String asset) {
        return catalogue().asset(asset).filter(Asset::priced).map(Asset::symbol)
                .orElseThrow(() -> ProblemException.notFound("asset", asset));
    }

    private Catalogue catalogue() {
        return catalogues.current().orElseThrow(() -> new ProblemException(503, "Not ready", "the venue catalogue is not loaded yet"));
    }
}

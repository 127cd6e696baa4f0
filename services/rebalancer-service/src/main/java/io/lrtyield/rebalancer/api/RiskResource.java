package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.StressRow;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health factors, the stress table and the venues' risk scores at the latest snapshot. */
@Path("/api/v1/risk")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    /**
     * The risk view.
     *
     * @param incidents open incidents by subject: their venues are capped to 0 until an admin acknowledges them
     */
    public record RiskView(long blockNumber, Map<String, BigDecimal> healthFactors, List<StressRow> stress,
                           Map<String, RiskScorer.Score> scores, Map<String, io.lrtyield.rebalancer.risk.Incidents.Incident> incidents) {
    }

    private final MarketCache cache;

    RiskResource(MarketCache cache) {
        this.cache = cache;
    }

    @GET
    @Operation(summary = "Health factor per loop, loss and health factor per stress scenario per position, risk score per venue, "
            + "open incidents (venues capped to 0 until acknowledged)")
    public RiskView risk() {
        Portfolio p = cache.portfolio();
        if (p == null) {
            throw new ProblemException(503, "No snapshot yet", "no portfolio snapshot has been read yet");
        }
        Map<String, BigDecimal> hf = new LinkedHashMap<>();
        for (VenuePosition position : p.positions()) {
            if (position.healthFactor() != null) {
                hf.put(position.venueId(), position.healthFactor());
            }
        }
        PolicyOutcome o = cache.outcome();
        return new RiskView(p.blockNumber(), hf, cache.stress(), o == null ? Map.of() : o.risk(), cache.alerts().incidents().open());
    }
}

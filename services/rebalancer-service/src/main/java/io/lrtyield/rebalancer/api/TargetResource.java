package io.lrtyield.rebalancer.api;

import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import io.lrtyield.strategy.optimizer.BindingConstraint;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dry run at the latest snapshot: what the policy would do now and why — each venue's contribution to the objective,
 * the binding constraints with their shadow prices, the gain and the costs, the venues left out and why.
 */
@Path("/api/v1/target")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    /**
     * The dry run.
     *
     * @param reserve    the liquidity reserve: idle ETH is no asset, only this constraint keeps some redeemable
     * @param exitRoutes per venue in the problem, the exit its trade cost assumed (the cheapest for its size)
     */
    public record Target(long blockNumber, String action, String reason, double objective, double gainEth, double costEth,
                         List<VenueAllocation> venues, List<BindingConstraint> binding, Reserve reserve,
                         Map<String, ExitRoute> exitRoutes, Map<String, String> excluded, List<String> notes) {
    }

    /**
     * @param minimum        ETH that must be redeemable within {@code maxDelayDays}
     * @param maxDelayDays   D
     * @param redeemable     ETH of the target in venues redeemable within D
     * @param binding        whether the reserve limits the allocation
     * @param shadowPrice    ∂objective/∂minimum (≤ 0: what one more ETH of reserve costs over the horizon), 0 when slack
     */
    public record Reserve(double minimum, double maxDelayDays, double redeemable, boolean binding, double shadowPrice) {
    }

    private final MarketCache cache;

    TargetResource(MarketCache cache) {
        this.cache = cache;
    }

    @GET
    @Operation(summary = "What the rebalancer would do now and why (contributions, binding constraints, costs)")
    public Target target() {
        PolicyOutcome o = cache.outcome();
        Portfolio p = cache.portfolio();
        if (o == null || p == null) {
            throw new ProblemException(503, "No snapshot yet", "no decision has been taken yet");
        }
        Map<String, ExitRoute> exits = new TreeMap<>();
        o.economics().forEach((venue, e) -> {
            if (e.exit() != null) {
                exits.put(venue, e.exit());
            }
        });
        return new Target(p.blockNumber(), o.action(), o.reason(), o.result() == null ? 0 : o.result().objective(), o.gainEth(),
                o.costEth(), o.result() == null ? List.of() : o.result().allocations(),
                o.result() == null ? List.of() : o.result().binding(), reserve(o), exits, o.excluded(), o.notes());
    }

    static Reserve reserve(PolicyOutcome o) {
        if (o.problem() == null) {
            return null;
        }
        var r = o.problem().reserve();
        double redeemable = 0;
        if (o.result() != null) {
            for (int i = 0; i < o.problem().venues().size(); i++) {
                if (o.problem().venues().get(i).withdrawalDelayDays() <= r.maxWithdrawalDelayDays()) {
                    redeemable += o.result().allocations().get(i).amount();
                }
            }
        }
        BindingConstraint b = o.result() == null ? null : o.result().binding().stream()
                .filter(x -> x.kind() == BindingConstraint.Kind.RESERVE).findFirst().orElse(null);
        return new Reserve(r.minimum(), r.maxWithdrawalDelayDays(), redeemable, b != null, b == null ? 0 : b.shadowPrice());
    }
}

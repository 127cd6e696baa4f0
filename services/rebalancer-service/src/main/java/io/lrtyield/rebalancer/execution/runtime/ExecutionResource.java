package io.lrtyield.rebalancer.execution.runtime;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.rebalancer.execution.journal.ActiveExecutor;
import io.lrtyield.rebalancer.execution.journal.JournalEntry;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The journal, read-only: the newest plans and each action's transaction (hashes and nonces; never raw bytes). */
@Path("/api/v1/executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    private final ExecutionRuntime runtime;

    ExecutionResource(ExecutionRuntime runtime) {
        this.runtime = runtime;
    }

    /** One action as the API shows it. */
    public record ActionView(int index, String kind, String venueId, String target, String function, BigInteger valueWei,
                             String status, BigInteger nonce, String txHash, List<String> replacedHashes, Long blockNumber,
                             String error) {
        static ActionView of(JournalEntry e) {
            return new ActionView(e.index(), e.kind(), e.venueId(), e.call().target(), e.call().signature(), e.call().valueWei(),
                    e.status().name(), e.nonce(), e.txHash(), e.replacedHashes(), e.blockNumber(), e.error());
        }
    }

    public record PlanView(String planId, List<ActionView> actions) {
    }

    @GET
    public List<PlanView> executions(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ProblemException(400, "Bad limit", "limit must be between 1 and 500");
        }
        ActiveExecutor executor = runtime.executor().orElseThrow(() ->
                new ProblemException(503, "Execution unavailable", "execution is " + runtime.state()));
        return executor.recent(limit).entrySet().stream()
                .map((Map.Entry<String, List<JournalEntry>> p) -> new PlanView(p.getKey(), p.getValue().stream().map(ActionView::of).toList()))
                .toList();
    }
}

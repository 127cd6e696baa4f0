package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.store.PlanStore;
import io.lrtyield.rebalancer.wiring.SnapshotPipeline;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Admin API (bearer token, roles from its {@code groups} claim). Operator: approve, reject or cancel a plan through
 * the plan lifecycle (unknown plan → 404, a change the lifecycle refuses → 409). Admin: pause / resume (the
 * {@link KillSwitch}), the plan policy, the audit trail. Every action — and every refusal by the lifecycle — is audited
 * with the token's subject.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AdminResource {

    /** Optional body of pause, reject and cancel. */
    public record Reason(String reason) {
    }

    /** Whether the vault is paused, and by whom. */
    public record PauseState(boolean paused, KillSwitch.Pause pause) {
    }

    private final PlanStore plans;
    private final SnapshotPipeline pipeline;
    private final KillSwitch killSwitch;
    private final PolicyOverrides policy;
    private final AdminAudit audit;
    private final SecurityIdentity identity;
    private final String vault;

    AdminResource(PlanStore plans, SnapshotPipeline pipeline, KillSwitch killSwitch, PolicyOverrides policy, AdminAudit audit,
                  SecurityIdentity identity, RebalancerConfig config) {
        this.plans = plans;
        this.pipeline = pipeline;
        this.killSwitch = killSwitch;
        this.policy = policy;
        this.audit = audit;
        this.identity = identity;
        this.vault = config.vault();
    }

    @POST
    @Path("/plans/{id}/approve")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Approve a PROPOSED plan (operator)")
    public Uni<StoredPlan> approve(@PathParam("id") String id) {
        return move("plan.approve", id, PlanLifecycle.APPROVED, "approved by " + subject());
    }

    @POST
    @Path("/plans/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Reject a PROPOSED or APPROVED plan (operator)")
    public Uni<StoredPlan> reject(@PathParam("id") String id, Reason body) {
        return move("plan.reject", id, PlanLifecycle.REJECTED, "rejected by " + subject() + because(body));
    }

    /**
     * Withdraws a plan before it executes (it ends REJECTED, the lifecycle's only exit before EXECUTING). A plan already
     * EXECUTING is not cancelled (its transactions may be signed): 409, pause the vault instead.
     */
    @POST
    @Path("/plans/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Cancel a plan that has not started executing (operator)")
    public Uni<StoredPlan> cancel(@PathParam("id") String id, Reason body) {
        return move("plan.cancel", id, PlanLifecycle.REJECTED, "cancelled by " + subject() + because(body));
    }

    @GET
    @Path("/pause")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Whether the vault is paused (kill switch)")
    public Uni<PauseState> pauseState() {
        return killSwitch.state().map(p -> new PauseState(p.isPresent(), p.orElse(null)));
    }

    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Pause the vault: no plan starts executing until resumed (admin)")
    public Uni<PauseState> pause(Reason body) {
        KillSwitch.Pause pause = new KillSwitch.Pause(subject(), System.currentTimeMillis(), body == null ? null : body.reason());
        return audited("pause", vault, "paused" + because(body), killSwitch.pause(pause).chain(this::pauseState));
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Resume the vault (admin)")
    public Uni<PauseState> resume() {
        return audited("resume", vault, "resumed", killSwitch.resume().chain(this::pauseState));
    }

    @GET
    @Path("/policy")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The effective plan policy: approval mode, minimum gain, cost margin")
    public Uni<PolicyOverrides.Policy> policy() {
        return policy.effective();
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the plan policy; fields left out stay as they are (admin)")
    public Uni<PolicyOverrides.Policy> updatePolicy(PolicyOverrides.Policy change) {
        String invalid = change == null ? "a JSON body {approval, minGainEth, costMargin} is required" : change.invalid();
        if (invalid != null) {
            return record("policy.update", "policy", AuditEntry.REJECTED, invalid)
                    .chain(() -> Uni.createFrom().failure(ProblemException.badRequest(invalid)));
        }
        return audited("policy.update", "policy", "policy set to " + change, policy.update(change));
    }

    @GET
    @Path("/audit")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Audited admin actions, newest first (admin)")
    public Uni<List<AuditEntry>> audit(@QueryParam("limit") String limit) {
        return audit.newest(QueryParams.intParam(limit, "limit", 100, 1, 10_000));
    }

    private Uni<StoredPlan> move(String action, String id, String status, String why) {
        return audited(action, id, why, plans.transition(vault, id, status, why).call(p -> pipeline.publish(p.plan())));
    }

    /** Runs {@code work}, records its outcome, and maps lifecycle failures to problem+json. */
    private <T> Uni<T> audited(String action, String target, String detail, Uni<T> work) {
        return work.onItemOrFailure().transformToUni((item, failure) -> {
            if (failure == null) {
                return record(action, target, AuditEntry.OK, detail).replaceWith(item);
            }
            ProblemException problem = problem(target, failure);
            String outcome = switch (problem.status()) {
                case 404 -> AuditEntry.NOT_FOUND;
                case 409 -> AuditEntry.CONFLICT;
                default -> AuditEntry.ERROR;
            };
            return record(action, target, outcome, problem.getMessage()).chain(() -> Uni.createFrom().failure(problem));
        });
    }

    static ProblemException problem(String target, Throwable failure) {
        if (failure instanceof ProblemException p) {
            return p;
        }
        if (failure instanceof NoSuchElementException) {
            return new ProblemException(404, "Not Found", "no plan " + target);
        }
        if (failure instanceof IllegalStateException) {
            return new ProblemException(409, "Conflict", failure.getMessage());
        }
        return new ProblemException(500, "Internal error", "the action failed; see the service's logs");
    }

    private Uni<Void> record(String action, String target, String outcome, String detail) {
        return audit.record(new AuditEntry(System.currentTimeMillis(), subject(), action, target, outcome, detail));
    }

    /** The token's subject ({@code sub}), else the principal's name. */
    String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return Optional.ofNullable(identity.getPrincipal()).map(java.security.Principal::getName).orElse("anonymous");
    }

    private static String because(Reason body) {
        return body == null || body.reason() == null || body.reason().isBlank() ? "" : ": " + body.reason();
    }
}

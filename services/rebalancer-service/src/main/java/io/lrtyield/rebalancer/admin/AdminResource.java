package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.runtime.QueryParams;
import io.lrtyield.rebalancer.plan.StoredPlan;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/**
 * Admin API over REST (bearer token, roles from its {@code groups} claim). Operator: approve, reject or cancel a plan
 * through the plan lifecycle (unknown plan → 404, a change the lifecycle refuses → 409). Admin: pause / resume (the
 * {@link KillSwitch}), the plan policy, the audit trail. This class only authorizes and translates; what each action
 * does and how it is audited is {@link AdminActions}, shared with the gRPC {@link AdminGrpcService}.
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class AdminResource {

    /** Optional body of pause, reject and cancel. */
    public record Reason(String reason) {
    }

    private final AdminActions actions;
    private final SecurityIdentity identity;

    AdminResource(AdminActions actions, SecurityIdentity identity) {
        this.actions = actions;
        this.identity = identity;
    }

    @POST
    @Path("/plans/{id}/approve")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Approve a PROPOSED plan (operator)")
    public Uni<StoredPlan> approve(@PathParam("id") String id) {
        return actions.approve(subject(), id);
    }

    @POST
    @Path("/plans/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Reject a PROPOSED or APPROVED plan (operator)")
    public Uni<StoredPlan> reject(@PathParam("id") String id, Reason body) {
        return actions.reject(subject(), id, reason(body));
    }

    /** Withdraws a plan before it executes; an EXECUTING plan is not cancelled (409): pause the vault instead. */
    @POST
    @Path("/plans/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Cancel a plan that has not started executing (operator)")
    public Uni<StoredPlan> cancel(@PathParam("id") String id, Reason body) {
        return actions.cancel(subject(), id, reason(body));
    }

    @GET
    @Path("/incidents")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Open incidents (slashing, rate decrease, upgrade, pause): their venues are capped to 0 until acknowledged")
    public java.util.Map<String, io.lrtyield.rebalancer.risk.Incidents.Incident> incidents() {
        return actions.incidents();
    }

    @POST
    @Path("/incidents/{subject}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Acknowledge an incident: its venues return to their caps (admin)")
    public Uni<io.lrtyield.rebalancer.risk.Incidents.Incident> acknowledge(@PathParam("subject") String subject, Reason body) {
        return actions.acknowledge(subject(), subject, body == null ? null : body.reason());
    }

    @POST
    @Path("/incidents/{subject}/hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Hold the positions on an incident's subject: no forced exit, still no new entry, until acknowledged (admin)")
    public Uni<io.lrtyield.rebalancer.risk.Incidents.Incident> hold(@PathParam("subject") String subject, Reason body) {
        return actions.hold(subject(), subject, body == null ? null : body.reason());
    }

    @GET
    @Path("/pause")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Whether the vault is paused (kill switch)")
    public Uni<AdminActions.PauseState> pauseState() {
        return actions.pauseState();
    }

    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Pause the vault: no plan starts executing until resumed (admin)")
    public Uni<AdminActions.PauseState> pause(Reason body) {
        return actions.pause(subject(), reason(body));
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Resume the vault (admin)")
    public Uni<AdminActions.PauseState> resume() {
        return actions.resume(subject());
    }

    @GET
    @Path("/policy")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The effective plan policy: approval mode, minimum gain, cost margin")
    public Uni<PolicyOverrides.Policy> policy() {
        return actions.policy();
    }

    @PUT
    @Path("/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change the plan policy; fields left out stay as they are (admin)")
    public Uni<PolicyOverrides.Policy> updatePolicy(PolicyOverrides.Policy change) {
        return actions.updatePolicy(subject(), change);
    }

    @GET
    @Path("/audit")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Audited admin actions, newest first (admin)")
    public Uni<List<AuditEntry>> audit(@QueryParam("limit") String limit) {
        return actions.audit(QueryParams.intParam(limit, "limit", 100, 1, 10_000));
    }

    private String subject() {
        return AdminActions.subjectOf(identity);
    }

    private static String reason(Reason body) {
        return body == null ? null : body.reason();
    }
}

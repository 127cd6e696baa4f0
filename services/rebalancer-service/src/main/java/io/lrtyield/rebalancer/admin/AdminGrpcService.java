package io.lrtyield.rebalancer.admin;

import io.grpc.Status;
import io.lrtyield.common.runtime.GrpcProblems;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.grpc.rebalancer.v1.Incident;
import io.lrtyield.grpc.rebalancer.v1.IncidentActionRequest;
import io.lrtyield.grpc.rebalancer.v1.MutinyAdminServiceGrpc;
import io.lrtyield.grpc.rebalancer.v1.PauseRequest;
import io.lrtyield.grpc.rebalancer.v1.PauseState;
import io.lrtyield.grpc.rebalancer.v1.Plan;
import io.lrtyield.grpc.rebalancer.v1.PlanActionRequest;
import io.lrtyield.grpc.rebalancer.v1.Policy;
import io.lrtyield.grpc.rebalancer.v1.ResumeRequest;
import io.lrtyield.grpc.rebalancer.v1.UpdatePolicyRequest;
import io.lrtyield.rebalancer.api.RebalancerGrpcService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

import java.math.BigDecimal;

/**
 * The admin API over gRPC ({@code AdminService} in admin.proto), served on the HTTP port like REST and secured the same
 * way: the bearer token of the {@code authorization} metadata is verified by SmallRye JWT, roles come from its
 * {@code groups} claim, and each method lists the roles that may call it — the same lists as {@link AdminResource}.
 * What an action does and how it is audited is {@link AdminActions}; here only requests and answers are translated.
 * No or a bad token → UNAUTHENTICATED, a role too low → PERMISSION_DENIED ({@link GrpcSecurityStatuses}). Extends the
 * generated base class for the reason given on {@link RebalancerGrpcService}.
 */
@GrpcService
public class AdminGrpcService extends MutinyAdminServiceGrpc.AdminServiceImplBase {

    private final AdminActions actions;
    private final CurrentIdentityAssociation identity;

    AdminGrpcService(AdminActions actions, CurrentIdentityAssociation identity) {
        this.actions = actions;
        this.identity = identity;
    }

    @Override
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<Plan> approvePlan(PlanActionRequest request) {
        return subject().chain(who -> actions.approve(who, request.getPlanId())).map(RebalancerGrpcService::toProto)
                .onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<Plan> rejectPlan(PlanActionRequest request) {
        return subject().chain(who -> actions.reject(who, request.getPlanId(), request.getReason())).map(RebalancerGrpcService::toProto)
                .onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<Plan> cancelPlan(PlanActionRequest request) {
        return subject().chain(who -> actions.cancel(who, request.getPlanId(), request.getReason())).map(RebalancerGrpcService::toProto)
                .onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Uni<PauseState> pause(PauseRequest request) {
        return subject().chain(who -> actions.pause(who, request.getReason())).map(AdminGrpcService::toProto)
                .onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Uni<PauseState> resume(ResumeRequest request) {
        return subject().chain(actions::resume).map(AdminGrpcService::toProto).onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Uni<Policy> updatePolicy(UpdatePolicyRequest request) {
        PolicyOverrides.Policy change;
        try {
            change = fromProto(request);
        } catch (NumberFormatException e) {
            change = null;
        }
        if (change == null) {
            String invalid = "min_gain_eth must be a decimal number, not '" + request.getMinGainEth() + "'";
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(invalid).asRuntimeException());
        }
        PolicyOverrides.Policy valid = change;
        return subject().chain(who -> actions.updatePolicy(who, valid)).map(AdminGrpcService::toProto)
                .onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Uni<Incident> acknowledgeIncident(IncidentActionRequest request) {
        return subject().chain(who -> actions.acknowledge(who, request.getSubject(), request.getReason()))
                .map(RebalancerGrpcService::toProto).onFailure().transform(AdminGrpcService::toStatus);
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Uni<Incident> holdIncident(IncidentActionRequest request) {
        return subject().chain(who -> actions.hold(who, request.getSubject(), request.getReason()))
                .map(RebalancerGrpcService::toProto).onFailure().transform(AdminGrpcService::toStatus);
    }

    /** The caller's subject. Authentication is lazy: the identity is a Uni here, never awaited on the event loop. */
    private Uni<String> subject() {
        return identity.getDeferredIdentity().map(AdminActions::subjectOf);
    }

    static PolicyOverrides.Policy fromProto(UpdatePolicyRequest r) {
        return new PolicyOverrides.Policy(r.hasApproval() ? r.getApproval() : null,
                r.hasMinGainEth() ? new BigDecimal(r.getMinGainEth().trim()) : null,
                r.hasCostMargin() ? r.getCostMargin() : null);
    }

    static Policy toProto(PolicyOverrides.Policy p) {
        var b = Policy.newBuilder().setApproval(p.approval() == null ? "" : p.approval())
                .setMinGainEth(p.minGainEth() == null ? "" : p.minGainEth().toPlainString());
        if (p.costMargin() != null) {
            b.setCostMargin(p.costMargin());
        }
        return b.build();
    }

    static PauseState toProto(AdminActions.PauseState s) {
        var b = PauseState.newBuilder().setPaused(s.paused());
        if (s.pause() != null) {
            b.setPausedBy(s.pause().subject()).setPausedAtMs(s.pause().atMillis())
                    .setReason(s.pause().reason() == null ? "" : s.pause().reason());
        }
        return b.build();
    }

    /** The admin problems as gRPC statuses: 409 (the lifecycle refused) is FAILED_PRECONDITION, the rest as elsewhere. */
    static Throwable toStatus(Throwable failure) {
        if (failure instanceof ProblemException p && p.status() == 409) {
            return Status.FAILED_PRECONDITION.withDescription(p.getMessage()).asRuntimeException();
        }
        return failure instanceof ProblemException ? GrpcProblems.toStatus(failure) : failure;
    }
}

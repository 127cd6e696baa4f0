package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.rebalancer.RebalancerConfig;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.store.PlanStore;
import io.lrtyield.rebalancer.store.PlanEvents;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What an admin action does, whichever API it came through (REST {@link AdminResource}, gRPC {@link AdminGrpcService}):
 * moves a plan through its lifecycle, pauses or resumes the vault, changes the plan policy — and audits each one, and
 * each refusal, with the caller's subject. The APIs only authorize (roles) and translate; failures leave here as
 * {@link ProblemException} (400 invalid input, 404 unknown plan, 409 a change the lifecycle refuses, 500 anything else),
 * which each API maps to its own errors.
 */
@ApplicationScoped
public class AdminActions {

    /** Whether the vault is paused, and by whom ({@code pause} null when running). */
    public record PauseState(boolean paused, KillSwitch.Pause pause) {
    }

    private final PlanStore plans;
    private final PlanEvents events;
    private final KillSwitch killSwitch;
    private final PolicyOverrides policy;
    private final AdminAudit audit;
    private final String vault;
    private final io.lrtyield.rebalancer.pipeline.MarketCache cache;
    private final io.lrtyield.rebalancer.store.IncidentStore incidents;
    private final io.lrtyield.rebalancer.alerts.IncidentAlertPublisher incidentAlerts;

    AdminActions(PlanStore plans, PlanEvents events, KillSwitch killSwitch, PolicyOverrides policy, AdminAudit audit,
                 RebalancerConfig config, io.lrtyield.rebalancer.pipeline.MarketCache cache,
                 io.lrtyield.rebalancer.store.IncidentStore incidents, io.lrtyield.rebalancer.alerts.IncidentAlertPublisher incidentAlerts) {
        this.incidentAlerts = incidentAlerts;
        this.cache = cache;
        this.incidents = incidents;
        this.plans = plans;
        this.events = events;
        this.killSwitch = killSwitch;
        this.policy = policy;
        this.audit = audit;
        this.vault = config.vault();
    }

    public Uni<StoredPlan> approve(String subject, String planId) {
        return move(subject, "plan.approve", planId, PlanLifecycle.APPROVED, "approved by " + subject);
    }

    public Uni<StoredPlan> reject(String subject, String planId, String reason) {
        return move(subject, "plan.reject", planId, PlanLifecycle.REJECTED, "rejected by " + subject + because(reason));
    }

    /**
     * Withdraws a plan before it executes (it ends REJECTED, the lifecycle's only exit before EXECUTING). A plan already
     * EXECUTING is not cancelled (its transactions may be signed): 409, pause the vault instead.
     */
    public Uni<StoredPlan> cancel(String subject, String planId, String reason) {
        return move(subject, "plan.cancel", planId, PlanLifecycle.REJECTED, "cancelled by " + subject + because(reason));
    }

    public Uni<PauseState> pauseState() {
        return killSwitch.state().map(p -> new PauseState(p.isPresent(), p.orElse(null)));
    }

    public Uni<PauseState> pause(String subject, String reason) {
        KillSwitch.Pause pause = new KillSwitch.Pause(subject, System.currentTimeMillis(), blankToNull(reason));
        return audited(subject, "pause", vault, "paused" + because(reason), killSwitch.pause(pause).chain(this::pauseState));
    }

    public Uni<PauseState> resume(String subject) {
        return audited(subject, "resume", vault, "resumed", killSwitch.resume().chain(this::pauseState));
    }

    public Uni<PolicyOverrides.Policy> policy() {
        return policy.effective();
    }

    /** Applies the non-null fields of {@code change}; an invalid change is audited as REJECTED and fails with 400. */
    public Uni<PolicyOverrides.Policy> updatePolicy(String subject, PolicyOverrides.Policy change) {
        String invalid = change == null ? "a policy change {approval, minGainEth, costMargin} is required" : change.invalid();
        if (invalid != null) {
            return record(subject, "policy.update", "policy", AuditEntry.REJECTED, invalid)
                    .chain(() -> Uni.createFrom().failure(ProblemException.badRequest(invalid)));
        }
        return audited(subject, "policy.update", "policy", "policy set to " + change, policy.update(change));
    }

    /** Open incidents by subject (venues on them capped to 0 until acknowledged). */
    public java.util.Map<String, io.lrtyield.rebalancer.risk.Incidents.Incident> incidents() {
        return cache.alerts().incidents().open();
    }

    /**
     * The admin has looked: the subject's venues return to their caps (unknown subject → 404). Announced
     * (INCIDENT_ACKNOWLEDGED) before the stored incident is removed.
     */
    public Uni<io.lrtyield.rebalancer.risk.Incidents.Incident> acknowledge(String who, String subject, String reason) {
        return audited(who, "incident.acknowledge", subject, "acknowledged" + because(reason), incident(() -> cache.alerts().incidents()
                .acknowledge(subject)).call(i -> incidentAlerts.acknowledged(i, who, blankToNull(reason))).call(i -> incidents.remove(i.subject())));
    }

    /**
     * Keep the positions on the subject (no forced exit; still no new entry) until acknowledged. Announced (INCIDENT_HELD)
     * when it changed anything: a second hold does not.
     */
    public Uni<io.lrtyield.rebalancer.risk.Incidents.Incident> hold(String who, String subject, String reason) {
        return audited(who, "incident.hold", subject, "positions held" + because(reason), incident(() -> cache.alerts().incidents()
                .hold(subject, who)).call(h -> h.changed() ? incidentAlerts.held(h.incident(), who, blankToNull(reason))
                        .chain(() -> incidents.save(h.incident())) : Uni.createFrom().voidItem())
                .map(io.lrtyield.rebalancer.risk.Incidents.Held::incident));
    }

    private static <T> Uni<T> incident(java.util.function.Supplier<T> change) {
        return Uni.createFrom().item(change).onFailure(NoSuchElementException.class)
                .transform(e -> new ProblemException(404, "Not Found", e.getMessage()));
    }

    /** Audited admin actions, newest first. */
    public Uni<List<AuditEntry>> audit(int limit) {
        return audit.newest(limit);
    }

    private Uni<StoredPlan> move(String subject, String action, String id, String status, String why) {
        return audited(subject, action, id, why, plans.transition(vault, id, status, why).call(p -> events.publish(p.plan())));
    }

    /** Runs {@code work}, records its outcome, and turns lifecycle failures into problems. */
    private <T> Uni<T> audited(String subject, String action, String target, String detail, Uni<T> work) {
        return work.onItemOrFailure().transformToUni((item, failure) -> {
            if (failure == null) {
                return record(subject, action, target, AuditEntry.OK, detail).replaceWith(item);
            }
            ProblemException problem = problem(target, failure);
            String outcome = switch (problem.status()) {
                case 404 -> AuditEntry.NOT_FOUND;
                case 409 -> AuditEntry.CONFLICT;
                default -> AuditEntry.ERROR;
            };
            return record(subject, action, target, outcome, problem.getMessage()).chain(() -> Uni.createFrom().failure(problem));
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

    private Uni<Void> record(String subject, String action, String target, String outcome, String detail) {
        return audit.record(new AuditEntry(System.currentTimeMillis(), subject, action, target, outcome, detail));
    }

    /** The token's subject ({@code sub}), else the principal's name, else {@code anonymous}. */
    public static String subjectOf(SecurityIdentity identity) {
        if (identity == null) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return Optional.ofNullable(identity.getPrincipal()).map(Principal::getName).orElse("anonymous");
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    private static String blankToNull(String reason) {
        return reason == null || reason.isBlank() ? null : reason;
    }
}

package io.lrtyield.rebalancer.admin;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.lrtyield.common.event.ExecutionEvent;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.grpc.rebalancer.v1.AdminServiceGrpc;
import io.lrtyield.grpc.rebalancer.v1.Incident;
import io.lrtyield.grpc.rebalancer.v1.IncidentActionRequest;
import io.lrtyield.grpc.rebalancer.v1.PauseRequest;
import io.lrtyield.grpc.rebalancer.v1.PauseState;
import io.lrtyield.grpc.rebalancer.v1.Plan;
import io.lrtyield.grpc.rebalancer.v1.PlanActionRequest;
import io.lrtyield.grpc.rebalancer.v1.Policy;
import io.lrtyield.grpc.rebalancer.v1.ResumeRequest;
import io.lrtyield.grpc.rebalancer.v1.UpdatePolicyRequest;
import io.lrtyield.rebalancer.api.RebalancerTestServices;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.risk.Incidents;
import io.lrtyield.rebalancer.store.IncidentStore;
import io.lrtyield.rebalancer.store.PlanStore;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gRPC admin API over a real client on the HTTP port, with tokens minted like {@code make token}: the same roles
 * as REST (no or a bad token UNAUTHENTICATED, a role too low PERMISSION_DENIED, neither audited), and every action
 * audited exactly as its REST twin (Redis {@code audit:admin} and an ADMIN event on {@code executions.v1}). Incidents
 * are opened as the risk-alerts consumer opens them ({@link MarketCache#onAlert}), each test on a subject of its own.
 */
@QuarkusTest
@WithTestResource(RebalancerTestServices.class)
class AdminGrpcTest {

    private static final String VAULT = "test-vault";

    @GrpcClient("admin")
    AdminServiceGrpc.AdminServiceBlockingStub admin;

    @Inject
    PlanStore plans;

    @Inject
    AdminAudit audit;

    @Inject
    MarketCache cache;

    @Inject
    IncidentStore incidentStore;

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void everyMethodRefusesACallWithoutAValidTokenAsUnauthenticated() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String forged = TokenMinter.mint(rsa.generateKeyPair().getPrivate(), TokenMinter.DEV_ISSUER, "mallory", Set.of(Roles.ADMIN),
                Duration.ofMinutes(5));
        String expired = TokenMinter.mint(KeyUtils.readPrivateKey(TokenMinter.DEV_PRIVATE_KEY), TokenMinter.DEV_ISSUER, "alice",
                Set.of(Roles.ADMIN), Duration.ofMinutes(-10));
        String otherIssuer = TokenMinter.mint(KeyUtils.readPrivateKey(TokenMinter.DEV_PRIVATE_KEY), "https://elsewhere.invalid", "alice",
                Set.of(Roles.ADMIN), Duration.ofMinutes(5));
        int audited = auditSize();
        for (AdminServiceGrpc.AdminServiceBlockingStub caller : List.of(admin, as(forged), as(expired), as(otherIssuer))) {
            for (Function<AdminServiceGrpc.AdminServiceBlockingStub, Object> call : everyMethod()) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call.apply(caller));
                assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
                assertEquals("a valid bearer token is required", e.getStatus().getDescription(), "no hint which check failed");
            }
        }
        assertEquals(audited, auditSize(), "an unauthenticated call reaches no action");
    }

    @Test
    void aViewerMayNotActAndAnOperatorMayNotPauseResumeChangeThePolicyOrActOnIncidents() throws Exception {
        String planId = propose();
        String subject = openIncident();
        int audited = auditSize();
        AdminServiceGrpc.AdminServiceBlockingStub viewer = as(token(Roles.VIEWER, "victor"));
        for (Function<AdminServiceGrpc.AdminServiceBlockingStub, Object> call : everyMethod()) {
            assertDenied(() -> call.apply(viewer));
        }
        AdminServiceGrpc.AdminServiceBlockingStub operator = as(token(Roles.OPERATOR, "olga"));
        assertDenied(() -> operator.pause(PauseRequest.newBuilder().setReason("no").build()));
        assertDenied(() -> operator.resume(ResumeRequest.getDefaultInstance()));
        assertDenied(() -> operator.updatePolicy(UpdatePolicyRequest.newBuilder().setApproval("auto").build()));
        assertDenied(() -> operator.acknowledgeIncident(incident(subject, "no")));
        assertDenied(() -> operator.holdIncident(incident(subject, "no")));
        assertDenied(() -> viewer.acknowledgeIncident(incident(subject, "no")));
        assertEquals(audited, auditSize(), "a refused role reaches no action");
        assertEquals(PlanLifecycle.PROPOSED, plans.get(VAULT, planId).await().indefinitely().orElseThrow().plan().status());
        Incidents.Incident still = cache.alerts().incidents().of(subject).orElseThrow(() -> new AssertionError("the incident is still open"));
        assertFalse(still.hold(), "and not held");
    }

    @Test
    void anOperatorApprovesAProposedPlanAuditedInRedisAndOnExecutions() throws Exception {
        String planId = propose();
        Plan approved = as(token(Roles.OPERATOR, "alice")).approvePlan(PlanActionRequest.newBuilder().setPlanId(planId).build());
        assertEquals(planId, approved.getPlanId());
        assertEquals(PlanLifecycle.APPROVED, approved.getStatus());
        assertEquals("APPROVED: approved by alice", approved.getHistory(approved.getHistoryCount() - 1));
        assertEquals(PlanLifecycle.APPROVED, plans.get(VAULT, planId).await().indefinitely().orElseThrow().plan().status());
        assertLatestAudit("alice", "plan.approve", planId, AuditEntry.OK, "approved by alice");
        ExecutionEvent event = adminEvent("alice", "plan.approve", planId);
        assertEquals(VAULT, event.vault());
        assertEquals(AuditEntry.OK, event.admin().outcome());
        assertTrue(this.<RebalancePlan>sent(Topics.REBALANCE_PLANS_CHANNEL).stream()
                .anyMatch(p -> p.planId().equals(planId) && p.status().equals(PlanLifecycle.APPROVED)), "the new status is published");

        StatusRuntimeException again = assertThrows(StatusRuntimeException.class,
                () -> as(token(Roles.ADMIN, "alice")).approvePlan(PlanActionRequest.newBuilder().setPlanId(planId).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, again.getStatus().getCode());
        assertEquals(AuditEntry.CONFLICT, latestAudit().outcome());

        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> as(token(Roles.OPERATOR, "alice")).approvePlan(PlanActionRequest.newBuilder().setPlanId("no-such-plan").build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals("no plan no-such-plan", unknown.getStatus().getDescription());
        assertLatestAudit("alice", "plan.approve", "no-such-plan", AuditEntry.NOT_FOUND, "no plan no-such-plan");
    }

    @Test
    void rejectAndCancelCarryTheReason() throws Exception {
        AdminServiceGrpc.AdminServiceBlockingStub bob = as(token(Roles.OPERATOR, "bob"));
        String rejected = propose();
        Plan r = bob.rejectPlan(PlanActionRequest.newBuilder().setPlanId(rejected).setReason("too costly").build());
        assertEquals(PlanLifecycle.REJECTED, r.getStatus());
        assertLatestAudit("bob", "plan.reject", rejected, AuditEntry.OK, "rejected by bob: too costly");

        String cancelled = propose();
        Plan c = bob.cancelPlan(PlanActionRequest.newBuilder().setPlanId(cancelled).setReason("stale").build());
        assertEquals(PlanLifecycle.REJECTED, c.getStatus());
        assertLatestAudit("bob", "plan.cancel", cancelled, AuditEntry.OK, "cancelled by bob: stale");
        adminEvent("bob", "plan.cancel", cancelled);
    }

    @Test
    void restAndGrpcAuditTheSameActionTheSameWay() throws Exception {
        String token = token(Roles.OPERATOR, "carol");
        String viaRest = propose();
        given().auth().oauth2(token).contentType("application/json").body("{\"reason\":\"dup\"}")
                .post("/api/v1/admin/plans/{id}/reject", viaRest).then().statusCode(200);
        AuditEntry rest = latestAudit();
        String viaGrpc = propose();
        as(token).rejectPlan(PlanActionRequest.newBuilder().setPlanId(viaGrpc).setReason("dup").build());
        AuditEntry grpc = latestAudit();
        assertEquals(new AuditEntry(0, rest.subject(), rest.action(), viaGrpc, rest.outcome(), rest.detail()),
                new AuditEntry(0, grpc.subject(), grpc.action(), grpc.target(), grpc.outcome(), grpc.detail()));
        assertEquals("rejected by carol: dup", grpc.detail());
    }

    @Test
    void anAdminHoldsThenAcknowledgesAnIncidentAuditedInRedisAndOnExecutions() throws Exception {
        String subject = openIncident();
        AdminServiceGrpc.AdminServiceBlockingStub root = as(token(Roles.ADMIN, "root"));

        Incident held = root.holdIncident(incident(subject, "unwinding by hand"));
        assertEquals(Incident.newBuilder().setSubject(subject).setKind("OPERATOR_SLASHED").setSeverity("CRITICAL")
                .setMessage("operator-b behind " + subject + " was slashed").setBlockNumber(200).setEventId(alertId(subject))
                .setHold(true).setHeldBy("root").setAlerts(1).build(), held);
        assertLatestAudit("root", "incident.hold", subject, AuditEntry.OK, "positions held: unwinding by hand");
        assertEquals(AuditEntry.OK, adminEvent("root", "incident.hold", subject).admin().outcome());
        assertTrue(cache.alerts().incidents().of(subject).orElseThrow().hold());
        assertEquals("root", stored(subject).orElseThrow(() -> new AssertionError("the hold is kept in Redis")).heldBy());

        Incident acknowledged = root.acknowledgeIncident(incident(subject.toLowerCase(), ""));
        assertEquals(held, acknowledged, "the incident as it was, held, before it closed (subjects are case-insensitive)");
        assertLatestAudit("root", "incident.acknowledge", subject.toLowerCase(), AuditEntry.OK, "acknowledged");
        adminEvent("root", "incident.acknowledge", subject.toLowerCase());
        assertTrue(cache.alerts().incidents().of(subject).isEmpty(), "closed: its venues return to their caps");
        assertTrue(stored(subject).isEmpty(), "and gone from Redis");

        StatusRuntimeException again = assertThrows(StatusRuntimeException.class, () -> root.acknowledgeIncident(incident(subject, "")));
        assertEquals(Status.Code.NOT_FOUND, again.getStatus().getCode());
        assertEquals("no open incident on " + subject, again.getStatus().getDescription());
        assertLatestAudit("root", "incident.acknowledge", subject, AuditEntry.NOT_FOUND, "no open incident on " + subject);
        StatusRuntimeException holdUnknown = assertThrows(StatusRuntimeException.class, () -> root.holdIncident(incident(subject, "")));
        assertEquals(Status.Code.NOT_FOUND, holdUnknown.getStatus().getCode());
        assertLatestAudit("root", "incident.hold", subject, AuditEntry.NOT_FOUND, "no open incident on " + subject);
    }

    @Test
    void restAndGrpcAuditTheSameIncidentActionTheSameWayAndRefuseAnUnknownSubjectAlike() throws Exception {
        String token = token(Roles.ADMIN, "dave");
        for (String action : List.of("hold", "acknowledge")) {
            String viaRest = openIncident();
            given().auth().oauth2(token).contentType("application/json").body("{\"reason\":\"dup\"}")
                    .post("/api/v1/admin/incidents/{subject}/" + action, viaRest).then().statusCode(200)
                    .body("subject", org.hamcrest.Matchers.equalTo(viaRest));
            AuditEntry rest = latestAudit();
            String viaGrpc = openIncident();
            IncidentActionRequest request = incident(viaGrpc, "dup");
            Incident answer = action.equals("hold") ? as(token).holdIncident(request) : as(token).acknowledgeIncident(request);
            assertEquals(viaGrpc, answer.getSubject());
            AuditEntry grpc = latestAudit();
            assertEquals(new AuditEntry(0, rest.subject(), rest.action(), viaGrpc, rest.outcome(), rest.detail()),
                    new AuditEntry(0, grpc.subject(), grpc.action(), grpc.target(), grpc.outcome(), grpc.detail()));
            assertEquals("incident." + action, grpc.action());
        }
        assertEquals("acknowledged: dup", latestAudit().detail());

        String unknown = "no-such-asset";
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .post("/api/v1/admin/incidents/{subject}/acknowledge", unknown).then().statusCode(404)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.equalTo("no open incident on " + unknown));
        AuditEntry rest = latestAudit();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as(token).acknowledgeIncident(incident(unknown, "")));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), "REST's 404");
        assertEquals("no open incident on " + unknown, e.getStatus().getDescription());
        AuditEntry grpc = latestAudit();
        assertEquals(List.of(rest.subject(), rest.action(), rest.target(), rest.outcome(), rest.detail()),
                List.of(grpc.subject(), grpc.action(), grpc.target(), grpc.outcome(), grpc.detail()));
        assertEquals(AuditEntry.NOT_FOUND, grpc.outcome());
    }

    @Test
    void anAdminPausesResumesAndChangesThePolicy() throws Exception {
        AdminServiceGrpc.AdminServiceBlockingStub root = as(token(Roles.ADMIN, "root"));
        PauseState paused = root.pause(PauseRequest.newBuilder().setReason("incident 42").build());
        assertTrue(paused.getPaused());
        assertEquals("root", paused.getPausedBy());
        assertEquals("incident 42", paused.getReason());
        assertTrue(paused.getPausedAtMs() > 0);
        assertLatestAudit("root", "pause", VAULT, AuditEntry.OK, "paused: incident 42");

        PauseState running = root.resume(ResumeRequest.getDefaultInstance());
        assertFalse(running.getPaused());
        assertEquals("", running.getPausedBy());
        assertLatestAudit("root", "resume", VAULT, AuditEntry.OK, "resumed");

        Policy policy = root.updatePolicy(UpdatePolicyRequest.newBuilder().setApproval("AUTO").setMinGainEth("0.05").build());
        assertEquals("auto", policy.getApproval());
        assertEquals(0, new BigDecimal("0.05").compareTo(new BigDecimal(policy.getMinGainEth())));
        AuditEntry changed = latestAudit();
        assertEquals("policy.update", changed.action());
        assertEquals(AuditEntry.OK, changed.outcome());

        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
                () -> root.updatePolicy(UpdatePolicyRequest.newBuilder().setApproval("sometimes").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
        assertLatestAudit("root", "policy.update", "policy", AuditEntry.REJECTED, "approval must be auto or manual, not 'sometimes'");
        StatusRuntimeException notANumber = assertThrows(StatusRuntimeException.class,
                () -> root.updatePolicy(UpdatePolicyRequest.newBuilder().setMinGainEth("lots").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, notANumber.getStatus().getCode());

        Policy back = root.updatePolicy(UpdatePolicyRequest.newBuilder().setApproval("manual").build());
        assertEquals("manual", back.getApproval());
        assertEquals(policy.getMinGainEth(), back.getMinGainEth(), "fields left unset stay as they are");
    }

    private static List<Function<AdminServiceGrpc.AdminServiceBlockingStub, Object>> everyMethod() {
        PlanActionRequest plan = PlanActionRequest.newBuilder().setPlanId("any").build();
        return List.of(s -> s.approvePlan(plan), s -> s.rejectPlan(plan), s -> s.cancelPlan(plan),
                s -> s.pause(PauseRequest.getDefaultInstance()), s -> s.resume(ResumeRequest.getDefaultInstance()),
                s -> s.updatePolicy(UpdatePolicyRequest.newBuilder().setApproval("auto").build()),
                s -> s.acknowledgeIncident(incident("any", "")), s -> s.holdIncident(incident("any", "")));
    }

    private static IncidentActionRequest incident(String subject, String reason) {
        return IncidentActionRequest.newBuilder().setSubject(subject).setReason(reason).build();
    }

    /** Opens an OPERATOR_SLASHED incident on a fresh subject, as the risk-alerts consumer does (stored in Redis, awaited). */
    private String openIncident() {
        String subject = "rsETH-" + UUID.randomUUID().toString().substring(0, 8);
        Provenance at = new Provenance(31337, 200, "0x02", 1_700_000_100L);
        cache.onAlert(new RiskAlert(RiskAlert.SCHEMA_VERSION, alertId(subject), subject, "OPERATOR_SLASHED", "CRITICAL",
                "operator-b behind " + subject + " was slashed", new BigDecimal("200"), BigDecimal.ZERO, true, at))
                .await().atMost(Duration.ofSeconds(5));
        assertTrue(cache.alerts().incidents().of(subject).isPresent(), "the alert opens an incident");
        return subject;
    }

    private static String alertId(String subject) {
        return RiskAlert.idFor(subject, "OPERATOR_SLASHED", true, new Provenance(31337, 200, "0x02", 1_700_000_100L));
    }

    private java.util.Optional<Incidents.Incident> stored(String subject) {
        return incidentStore.all().await().atMost(Duration.ofSeconds(5)).stream().filter(i -> i.subject().equals(subject)).findFirst();
    }

    private static void assertDenied(Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("the token's roles do not allow this action", e.getStatus().getDescription());
    }

    private AdminServiceGrpc.AdminServiceBlockingStub as(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return admin.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static String token(String role, String subject) throws Exception {
        return TokenMinter.mint(KeyUtils.readPrivateKey(TokenMinter.DEV_PRIVATE_KEY), TokenMinter.DEV_ISSUER, subject, Set.of(role),
                Duration.ofMinutes(5));
    }

    /**
     * A PROPOSED plan of the test vault, stored as the pipeline stores one (one open plan per vault: an earlier test's
     * plan still open is rejected first).
     */
    private String propose() {
        plans.openPlan(VAULT).await().atMost(Duration.ofSeconds(5)).ifPresent(open ->
                plans.transition(VAULT, open, PlanLifecycle.REJECTED, "closed by the test").await().atMost(Duration.ofSeconds(5)));
        String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
        RebalancePlan plan = new RebalancePlan(RebalancePlan.SCHEMA_VERSION, RebalancePlan.idFor(VAULT, id, PlanLifecycle.PROPOSED), VAULT,
                id, PlanLifecycle.PROPOSED, List.of(), List.of(), new BigDecimal("0.02"), new BigDecimal("0.001"), "test",
                new Provenance(31337, 100, "0x01", 1_700_000_000L));
        assertTrue(plans.propose(new StoredPlan(plan, List.of(), List.of(), List.of("PROPOSED at block 100: test")))
                .await().atMost(Duration.ofSeconds(5)), "no other plan is open");
        return id;
    }

    private int auditSize() {
        return audit.newest(10_000).await().atMost(Duration.ofSeconds(5)).size();
    }

    private AuditEntry latestAudit() {
        return audit.newest(1).await().atMost(Duration.ofSeconds(5)).get(0);
    }

    private void assertLatestAudit(String subject, String action, String target, String outcome, String detail) {
        AuditEntry e = latestAudit();
        assertEquals(List.of(subject, action, target, outcome, detail), List.of(e.subject(), e.action(), e.target(), e.outcome(), e.detail()));
    }

    private ExecutionEvent adminEvent(String subject, String action, String target) {
        return this.<ExecutionEvent>sent(Topics.EXECUTIONS_CHANNEL).stream()
                .filter(e -> ExecutionEvent.ADMIN.equals(e.status()) && subject.equals(e.admin().subject())
                        && action.equals(e.admin().action()) && target.equals(e.admin().target()))
                .findFirst().orElseThrow(() -> new AssertionError("no ADMIN event " + action + " " + target + " by " + subject));
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> sent(String channel) {
        InMemorySink<Object> sink = connector.sink(channel);
        return sink.received().stream().map(Message::getPayload)
                .map(p -> (T) (p instanceof io.smallrye.reactive.messaging.kafka.Record<?, ?> r ? r.value() : p)).toList();
    }
}

package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.event.ExecutionEvent;
import io.lrtyield.common.runtime.Problem;
import io.lrtyield.common.runtime.ProblemException;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admin API authorization without a running service (this module has no @QuarkusTest set-up: Kafka and Redis): the
 * configured key and issuer verify what {@code make token} mints and nothing else, each endpoint's role list follows
 * admin ⊇ operator ⊇ viewer, and 401/403/404/409 leave as problem+json.
 */
class AdminSecurityTest {

    private static final Set<String> OPERATOR_UP = Set.of(Roles.OPERATOR, Roles.ADMIN);
    private static final Set<String> EVERYONE = Set.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);

    @Test
    void configuredKeyAndIssuerVerifyTheMintedTokenAndItsGroups() throws Exception {
        String token = TokenMinter.mint(devPrivateKey(), TokenMinter.DEV_ISSUER, "alice", Set.of(Roles.OPERATOR), Duration.ofMinutes(5));
        JsonWebToken jwt = parser().parse(token, verification(configuredIssuer()));
        assertEquals("alice", jwt.getSubject());
        assertEquals(Set.of(Roles.OPERATOR), jwt.getGroups());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String forged = TokenMinter.mint(rsa.generateKeyPair().getPrivate(), TokenMinter.DEV_ISSUER, "mallory",
                Set.of(Roles.ADMIN), Duration.ofMinutes(5));
        assertThrows(ParseException.class, () -> parser().parse(forged, verification(configuredIssuer())));
    }

    @Test
    void aTokenFromAnotherIssuerOrExpiredIsRefused() throws Exception {
        String otherIssuer = TokenMinter.mint(devPrivateKey(), "https://elsewhere.invalid", "alice", Set.of(Roles.ADMIN), Duration.ofMinutes(5));
        assertThrows(ParseException.class, () -> parser().parse(otherIssuer, verification(configuredIssuer())));
        String expired = TokenMinter.mint(devPrivateKey(), TokenMinter.DEV_ISSUER, "alice", Set.of(Roles.ADMIN), Duration.ofMinutes(-10));
        assertThrows(ParseException.class, () -> parser().parse(expired, verification(configuredIssuer())));
    }

    @Test
    void theJarCarriesThePublicKeyOnlyAndConfigPointsAtIt() throws Exception {
        Properties props = applicationProperties();
        assertEquals("${JWT_PUBLIC_KEY_LOCATION:keys/dev-public.pem}", props.getProperty("mp.jwt.verify.publickey.location"));
        assertEquals("groups", props.getProperty("smallrye.jwt.path.groups"));
        assertEquals("false", props.getProperty("quarkus.http.auth.proactive"));
        assertTrue(getClass().getClassLoader().getResource("keys/dev-public.pem").getPath().contains("/classes/"),
                "the public key ships in main resources");
        assertTrue(getClass().getClassLoader().getResource(TokenMinter.DEV_PRIVATE_KEY).getPath().contains("/test-classes/"),
                "the private key lives in test resources only");
    }

    @Test
    void operatorActionsAllowOperatorAndAdminButNotViewer() throws Exception {
        for (String name : new String[] {"approve", "reject", "cancel"}) {
            assertEquals(OPERATOR_UP, roles(name), name);
        }
    }

    @Test
    void adminActionsAllowOnlyAdmin() throws Exception {
        for (String name : new String[] {"pause", "resume", "updatePolicy", "audit", "acknowledge", "hold"}) {
            assertEquals(Set.of(Roles.ADMIN), roles(name), name);
        }
        assertEquals(EVERYONE, roles("incidents"));
        assertEquals(EVERYONE, roles("policy"));
        assertEquals(EVERYONE, roles("pauseState"));
    }

    /** Each gRPC method allows the roles of its REST twin, and every gRPC method has a twin. */
    @Test
    void everyGrpcMethodAllowsTheRolesOfItsRestTwin() throws Exception {
        Map<String, String> twins = Map.of("approvePlan", "approve", "rejectPlan", "reject", "cancelPlan", "cancel", "pause", "pause",
                "resume", "resume", "updatePolicy", "updatePolicy", "acknowledgeIncident", "acknowledge", "holdIncident", "hold");
        Set<String> grpcMethods = new TreeSet<>();
        for (Method m : AdminGrpcService.class.getDeclaredMethods()) {
            boolean rpc = java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    && !m.isSynthetic();
            if (rpc) {
                grpcMethods.add(m.getName());
                String rest = twins.get(m.getName());
                assertTrue(rest != null, m.getName() + " has no REST twin listed");
                assertTrue(m.isAnnotationPresent(RolesAllowed.class), m.getName() + " has no @RolesAllowed");
                assertEquals(roles(rest), Set.of(m.getAnnotation(RolesAllowed.class).value()), m.getName() + " vs " + rest);
            }
        }
        assertEquals(new TreeSet<>(twins.keySet()), grpcMethods);
        assertEquals(Set.of(Roles.ADMIN), Set.of(AdminGrpcService.class.getMethod("acknowledgeIncident",
                io.lrtyield.grpc.rebalancer.v1.IncidentActionRequest.class).getAnnotation(RolesAllowed.class).value()));
    }

    @Test
    void everyAdminEndpointNeedsARole() {
        for (Method m : AdminResource.class.getDeclaredMethods()) {
            boolean endpoint = Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getPackageName().equals("jakarta.ws.rs")
                    && Set.of("GET", "POST", "PUT", "DELETE").contains(a.annotationType().getSimpleName()));
            if (endpoint) {
                assertTrue(m.isAnnotationPresent(RolesAllowed.class), m.getName() + " has no @RolesAllowed");
            }
        }
    }

    @Test
    void unauthenticatedIs401ProblemWithBearerChallenge() {
        Response r = new SecurityProblems().unauthenticated(new io.quarkus.security.UnauthorizedException(), null);
        assertEquals(401, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals("Bearer", r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertEquals(401, ((Problem) r.getEntity()).status());
        Response bad = new SecurityProblems().badToken(new io.quarkus.security.AuthenticationFailedException("bad signature"), null);
        assertEquals(401, bad.getStatus());
        assertEquals("a valid bearer token is required", ((Problem) bad.getEntity()).detail(), "no hint which check failed");
    }

    @Test
    void underPrivilegedIs403Problem() {
        Response r = new SecurityProblems().forbidden(new io.quarkus.security.ForbiddenException(), null);
        assertEquals(403, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals("Forbidden", ((Problem) r.getEntity()).title());
    }

    @Test
    void unknownPlanIs404AndARefusedTransitionIs409() {
        ProblemException missing = AdminActions.problem("p1", new NoSuchElementException("no plan p1"));
        assertEquals(404, missing.status());
        assertEquals("no plan p1", missing.getMessage());
        ProblemException refused = AdminActions.problem("p1", new IllegalStateException("plan p1 is DONE: cannot go to REJECTED"));
        assertEquals(409, refused.status());
        assertEquals("plan p1 is DONE: cannot go to REJECTED", refused.getMessage());
        assertEquals(500, AdminActions.problem("p1", new RuntimeException("redis down")).status());
    }

    @Test
    void policyChangesAreValidated() {
        assertNull(new PolicyOverrides.Policy("AUTO", new BigDecimal("0.02"), 0.5).invalid());
        assertNull(new PolicyOverrides.Policy(null, null, null).invalid());
        assertEquals("approval must be auto or manual, not 'sometimes'", new PolicyOverrides.Policy("sometimes", null, null).invalid());
        assertEquals("minGainEth must be >= 0", new PolicyOverrides.Policy(null, new BigDecimal("-1"), null).invalid());
        assertEquals("costMargin must be >= 0", new PolicyOverrides.Policy(null, null, -0.1).invalid());
    }

    @Test
    void auditEntryBecomesAnAdminExecutionEvent() {
        AuditEntry entry = new AuditEntry(1_700_000_000_000L, "alice", "plan.approve", "p1", AuditEntry.OK, "approved by alice");
        ExecutionEvent e = AdminAudit.event("0xvault", entry);
        assertEquals(ExecutionEvent.ADMIN, e.status());
        assertEquals("0xvault", e.key());
        assertEquals("p1", e.planId());
        assertEquals(new ExecutionEvent.AdminAction("alice", "plan.approve", "p1", "OK", 1_700_000_000_000L), e.admin());
        assertEquals(e.eventId(), AdminAudit.event("0xvault", entry).eventId(), "deterministic id: a re-publish dedupes");
        assertNull(e.txHash());
    }

    private static Set<String> roles(String method) {
        Method m = Arrays.stream(AdminResource.class.getDeclaredMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
        return new TreeSet<>(Arrays.asList(m.getAnnotation(RolesAllowed.class).value())).stream().collect(java.util.stream.Collectors.toSet());
    }

    private static PrivateKey devPrivateKey() throws Exception {
        return KeyUtils.readPrivateKey(TokenMinter.DEV_PRIVATE_KEY);
    }

    private static DefaultJWTParser parser() {
        return new DefaultJWTParser();
    }

    private static JWTAuthContextInfo verification(String issuer) throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyUtils.readPublicKey("keys/dev-public.pem");
        return new JWTAuthContextInfo(key, issuer);
    }

    /** The issuer default in application.properties ({@code ${JWT_ISSUER:…}}): the one make token signs for. */
    private static String configuredIssuer() throws Exception {
        String v = applicationProperties().getProperty("mp.jwt.verify.issuer");
        String issuer = v.substring(v.indexOf(':') + 1, v.length() - 1);
        assertEquals(TokenMinter.DEV_ISSUER, issuer);
        return issuer;
    }

    private static Properties applicationProperties() throws Exception {
        Properties p = new Properties();
        try (InputStream in = AdminSecurityTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        }
        return p;
    }
}

package io.lrtyield.rebalancer.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where tokens matter the service refuses to start on the development key (its private half is in this repository):
 * unset, named, or copied elsewhere — and starts on any other key. Dev and test keep the bundled key.
 */
class IssuerKeyGuardTest {

    @TempDir
    Path dir;

    @Test
    void anUnsetLocationIsRefused() {
        assertTrue(refusal(Optional.empty()).startsWith("JWT_PUBLIC_KEY_LOCATION (mp.jwt.verify.publickey.location) is not set"));
        assertTrue(refusal(Optional.of("  ")).contains("is not set"));
    }

    @Test
    void theBundledDevKeyIsRefusedByAnyOfItsNames() {
        for (String name : new String[] {"keys/dev-public.pem", "classpath:keys/dev-public.pem", "classpath:/keys/dev-public.pem"}) {
            String why = refusal(Optional.of(name));
            assertTrue(why != null && why.contains("development key bundled in the jar"), name + ": " + why);
        }
    }

    @Test
    void aCopyOfTheDevKeyIsRefusedWhateverItsLayout() throws Exception {
        String dev = IssuerKeyGuard.read(IssuerKeyGuard.DEV_KEY).orElseThrow();
        Path copy = dir.resolve("public.pem");
        Files.writeString(copy, dev.replace("\n", "\r\n") + "\n\n");
        assertTrue(refusal(Optional.of(copy.toString())).contains("holds a copy of the development key"));
        assertTrue(refusal(Optional.of("file:" + copy)).contains("holds a copy of the development key"));
    }

    @Test
    void theIssuersOwnKeyOrJwksIsAccepted() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path issuer = dir.resolve("issuer.pem");
        Files.writeString(issuer, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertNull(refusal(Optional.of(issuer.toString())));
        assertNull(refusal(Optional.of("https://issuer.example.invalid/.well-known/jwks.json")));
    }

    @Test
    void theGuardStopsStartUpOnlyWhenRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new IssuerKeyGuard(config(true), Optional.of("keys/dev-public.pem")).check(null));
        assertTrue(e.getMessage().startsWith("refusing to start: JWT_PUBLIC_KEY_LOCATION names the development key"), e.getMessage());
        assertDoesNotThrow(() -> new IssuerKeyGuard(config(false), Optional.of("keys/dev-public.pem")).check(null));
    }

    @Test
    void onlyProductionCanRequireItAndTheKubernetesBaseDoes() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            props.load(in);
        }
        assertEquals("${JWT_REQUIRE_ISSUER_KEY:true}", props.getProperty("%prod.rebalancer.admin.require-issuer-key"),
                "production requires the issuer's own key unless told otherwise");
        assertNull(props.getProperty("rebalancer.admin.require-issuer-key"), "dev and test keep the bundled key");
        String deployment = Files.readString(Path.of("../../deploy/k8s/base/rebalancer-service/deployment.yaml"));
        assertTrue(deployment.contains("- name: JWT_REQUIRE_ISSUER_KEY\n              value: \"true\""), "the k8s base requires the issuer's key");
        assertTrue(deployment.contains("secretName: rebalancer-jwt"), "the key comes from the Secret rebalancer-jwt");
        // only the local devnet runs opt out (their tokens are signed with the dev key)
        assertTrue(Files.readString(Path.of("../../deploy/local/services.sh")).contains("export JWT_REQUIRE_ISSUER_KEY=${JWT_REQUIRE_ISSUER_KEY:-false}"));
    }

    private static String refusal(Optional<String> location) {
        return IssuerKeyGuard.refusal(location, IssuerKeyGuard::read);
    }

    private static AdminConfig config(boolean required) {
        return new AdminConfig() {
            @Override
            public int auditKept() {
                return 10;
            }

            @Override
            public boolean requireIssuerKey() {
                return required;
            }

            @Override
            public Duration auditPublishTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }
}

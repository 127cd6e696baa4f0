package io.lrtyield.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Admin-API bearer tokens for the end-to-end tests: RS256 JWTs signed with the rebalancer's DEV private key (its test
 * resources; the jar only holds the public key), with the dev issuer and the role in {@code groups} — what
 * {@code make token ROLE=…} mints, without a Quarkus dependency in this module.
 */
final class DevTokens {

    private static final String ISSUER = "https://lrtyield.invalid/devnet";

    private DevTokens() {
    }

    static String mint(String subject, String role) throws Exception {
        String pem = Files.readString(SystemUnderTest.ROOT.resolve("services/rebalancer-service/src/test/resources/keys/dev-private.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role
                + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

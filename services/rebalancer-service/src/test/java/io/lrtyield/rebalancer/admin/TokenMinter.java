package io.lrtyield.rebalancer.admin;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Mints a LOCAL admin-API token with the dev private key (test resources only, never in the jar): {@code make token
 * ROLE=operator [SUBJECT=alice] [TTL=PT8H]}. Prints the token alone, so that {@code TOKEN=$(make -s token ROLE=admin)}
 * works. Production tokens come from the deployment's own issuer, signed with a key this repository never sees.
 */
public final class TokenMinter {

    public static final String DEV_ISSUER = "https://lrtyield.invalid/devnet";
    static final String DEV_PRIVATE_KEY = "keys/dev-private.pem";

    private TokenMinter() {
    }

    public static void main(String[] args) throws Exception {
        String role = System.getProperty("role", args.length > 0 ? args[0] : Roles.VIEWER);
        if (!Set.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN).contains(role)) {
            System.err.println("ROLE must be viewer, operator or admin, not '" + role + "'");
            System.exit(2);
        }
        String subject = System.getProperty("subject", "local-" + role);
        Duration ttl = Duration.parse(System.getProperty("ttl", "PT8H"));
        System.out.println(mint(KeyUtils.readPrivateKey(DEV_PRIVATE_KEY), DEV_ISSUER, subject, Set.of(role), ttl));
    }

    public static String mint(PrivateKey key, String issuer, String subject, Set<String> groups, Duration ttl) {
        return Jwt.issuer(issuer).subject(subject).groups(groups).expiresIn(ttl).sign(key);
    }
}

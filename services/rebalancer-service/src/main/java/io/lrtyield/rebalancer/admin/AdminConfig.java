package io.lrtyield.rebalancer.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Admin API settings (token verification itself is {@code mp.jwt.verify.*}). */
@ConfigMapping(prefix = "rebalancer.admin")
public interface AdminConfig {

    /** Audit entries kept in the capped Redis list {@code audit:admin}, newest first. */
    @WithDefault("10000")
    int auditKept();

    /**
     * Refuse to start unless {@code mp.jwt.verify.publickey.location} names the token issuer's own public key — not unset,
     * not the development key bundled in the jar, nor a copy of it ({@link IssuerKeyGuard}). On where tokens matter.
     */
    @WithDefault("false")
    boolean requireIssuerKey();

    /** Longest wait for Kafka to acknowledge an audit event (the Redis entry is the record; the event is best effort). */
    @WithDefault("PT5S")
    Duration auditPublishTimeout();
}

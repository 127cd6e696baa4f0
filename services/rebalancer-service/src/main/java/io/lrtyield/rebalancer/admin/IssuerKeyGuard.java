package io.lrtyield.rebalancer.admin;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stops the service at start-up, before it serves anything, when the admin API would trust the development key: its
 * private half is in this repository (test resources), so anyone could mint an admin token for it. With
 * {@code rebalancer.admin.require-issuer-key} on, {@code mp.jwt.verify.publickey.location} ({@code JWT_PUBLIC_KEY_LOCATION})
 * must be set, must not name the bundled {@code keys/dev-public.pem}, and a file or classpath key it names must not be
 * a copy of it. A JWKS URL is taken as the issuer's (not fetched here).
 */
@ApplicationScoped
public class IssuerKeyGuard {

    static final String DEV_KEY = "keys/dev-public.pem";
    private static final Logger LOG = Logger.getLogger(IssuerKeyGuard.class);

    private final AdminConfig config;
    private final Optional<String> location;

    IssuerKeyGuard(AdminConfig config, @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        this.config = config;
        this.location = location;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        if (!config.requireIssuerKey()) {
            return;
        }
        String refusal = refusal(location, IssuerKeyGuard::read);
        if (refusal != null) {
            throw new IllegalStateException("refusing to start: " + refusal);
        }
        LOG.infof("admin API tokens are verified with %s", location.orElseThrow());
    }

    /** Null when {@code location} names a key other than the development key; else why not. */
    static String refusal(Optional<String> location, Function<String, Optional<String>> reader) {
        String where = location.map(String::trim).orElse("");
        if (where.isEmpty()) {
            return "JWT_PUBLIC_KEY_LOCATION (mp.jwt.verify.publickey.location) is not set: set it to the public key of the "
                    + "admin-token issuer (deploy/k8s: Secret rebalancer-jwt)";
        }
        if (resourceName(where).equals(DEV_KEY)) {
            return "JWT_PUBLIC_KEY_LOCATION names the development key bundled in the jar (" + where + "), whose private key is "
                    + "public: set it to the public key of the admin-token issuer";
        }
        Optional<String> dev = reader.apply(DEV_KEY);
        Optional<String> configured = reader.apply(where);
        if (dev.isPresent() && configured.isPresent() && pem(dev.get()).equals(pem(configured.get()))) {
            return "JWT_PUBLIC_KEY_LOCATION (" + where + ") holds a copy of the development key, whose private key is public: "
                    + "set it to the public key of the admin-token issuer";
        }
        return null;
    }

    /** The classpath resource a location names, as SmallRye JWT resolves it ({@code classpath:} or a bare relative path). */
    static String resourceName(String location) {
        String name = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (name.startsWith("/") && location.startsWith("classpath:")) {
            name = name.substring(1);
        }
        return name;
    }

    /** The key text at a file path, {@code file:} URL or classpath resource; empty for URLs (JWKS) and missing keys. */
    static Optional<String> read(String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
            if (!location.startsWith("classpath:") && Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resourceName(location))) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String pem(String text) {
        return text.replaceAll("\\s+", "");
    }
}

package io.lrtyield.common.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where the venue catalogue comes from (env: CATALOGUE). */
@ConfigMapping(prefix = "catalogue")
public interface CatalogueConfig {

    /** Path, {@code classpath:} resource or HTTP(S) URL of the catalogue JSON; absent = this service has none. */
    Optional<String> location();

    /** Delay between attempts while the catalogue cannot be read (the devnet may still be deploying). */
    @WithDefault("2s")
    Duration retryInterval();
}

package io.lrtyield.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** console settings: where the services it forwards to live. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** Base URL of price-service (REST + SSE), e.g. http://price-service:8081. */
    String priceUrl();

    /** Base URL of yield-service (REST + SSE). */
    String yieldUrl();

    /** Base URL of rebalancer-service (REST + admin API). */
    String rebalancerUrl();

    /** Base URL of the devnet's scenario API; empty off the devnet, which hides the scenarios panel. */
    Optional<String> devnetUrl();

    /** Time allowed for one forwarded request's answer (server-sent event streams are not limited). */
    @WithDefault("30s")
    Duration requestTimeout();
}

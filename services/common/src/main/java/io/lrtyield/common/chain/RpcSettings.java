package io.lrtyield.common.chain;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How the JSON-RPC transport talks to its endpoints.
 *
 * @param endpoints HTTP(S) JSON-RPC endpoints in order of preference; the first healthy one is used
 * @param callTimeout timeout of one HTTP round trip
 * @param maxAttempts attempts per call, across endpoints, before the call fails
 * @param backoffBase first retry delay; doubles each attempt, with full jitter
 * @param backoffMax cap of the retry delay
 * @param unhealthyFor how long an endpoint that failed is skipped while another is available
 * @param maxCallsPerSecond per-endpoint rate limit (providers bill per call); 0 = unlimited
 * @param maxConnections HTTP connections kept open per endpoint (calls in flight beyond it queue)
 */
public record RpcSettings(List<URI> endpoints, Duration callTimeout, int maxAttempts, Duration backoffBase,
                          Duration backoffMax, Duration unhealthyFor, int maxCallsPerSecond, int maxConnections) {

    public RpcSettings {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one JSON-RPC endpoint is required (CHAIN_RPC_URLS)");
        }
        endpoints = List.copyOf(endpoints);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public static RpcSettings defaults(List<URI> endpoints) {
        return new RpcSettings(endpoints, Duration.ofSeconds(5), 4, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 0, 16);
    }
}

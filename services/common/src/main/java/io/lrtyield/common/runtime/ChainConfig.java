package io.lrtyield.common.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Chain access settings (env: CHAIN_RPC_URLS, CHAIN_WS_URL). */
@ConfigMapping(prefix = "chain")
public interface ChainConfig {

    /** JSON-RPC HTTP endpoints, in order of preference (comma-separated in CHAIN_RPC_URLS). */
    List<URI> rpcUrls();

    /** WebSocket endpoint for {@code eth_subscribe newHeads}; polling is used while it is absent or down. */
    Optional<URI> wsUrl();

    /** Timeout of one JSON-RPC round trip. */
    @WithDefault("5s")
    Duration callTimeout();

    /** Attempts per JSON-RPC call across endpoints. */
    @WithDefault("4")
    int maxAttempts();

    /** First retry delay; doubles per attempt with full jitter. */
    @WithDefault("100ms")
    Duration backoffBase();

    /** Cap of the retry delay. */
    @WithDefault("2s")
    Duration backoffMax();

    /** How long a failed endpoint is skipped while another is available. */
    @WithDefault("10s")
    Duration unhealthyFor();

    /** Per-endpoint rate limit in calls per second; 0 = none. */
    @WithDefault("0")
    int maxCallsPerSecond();

    /** HTTP connections kept open per RPC endpoint; calls in flight beyond it queue. */
    @WithDefault("16")
    int maxConnections();

    /** How often the head poller asks for the latest block. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Readiness fails when no new block arrived for this long. */
    @WithDefault("30s")
    Duration maxHeadAge();

    /** Calls per Multicall3 aggregate3 before the snapshot is split. */
    @WithDefault("300")
    int multicallChunkSize();

    /** Whether this service follows chain heads (the devnet does not). */
    @WithDefault("true")
    boolean followHeads();
}

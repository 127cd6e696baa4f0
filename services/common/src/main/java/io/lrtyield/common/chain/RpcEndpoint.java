package io.lrtyield.common.chain;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/** One JSON-RPC endpoint with its health and a per-second call budget. */
final class RpcEndpoint {

    final URI uri;
    private final int maxCallsPerSecond;
    private final AtomicLong unhealthyUntilMillis = new AtomicLong();
    private long windowSecond;
    private int callsInWindow;

    RpcEndpoint(URI uri, int maxCallsPerSecond) {
        this.uri = uri;
        this.maxCallsPerSecond = maxCallsPerSecond;
    }

    boolean healthy(long nowMillis) {
        return nowMillis >= unhealthyUntilMillis.get();
    }

    /** When this endpoint is healthy again (epoch millis; 0 = it is). */
    long unhealthyUntil() {
        return unhealthyUntilMillis.get();
    }

    void markUnhealthy(long nowMillis, long forMillis) {
        unhealthyUntilMillis.set(nowMillis + forMillis);
    }

    void markHealthy() {
        unhealthyUntilMillis.set(0);
    }

    /** Takes one call from this second's budget; false when the endpoint is at its rate limit. */
    synchronized boolean tryAcquire(long nowMillis) {
        if (maxCallsPerSecond <= 0) {
            return true;
        }
        long second = nowMillis / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            callsInWindow = 0;
        }
        if (callsInWindow >= maxCallsPerSecond) {
            return false;
        }
        callsInWindow++;
        return true;
    }

    /** Host and port only: endpoint paths often carry an API key, which must never reach logs or metrics. */
    String safeName() {
        return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}

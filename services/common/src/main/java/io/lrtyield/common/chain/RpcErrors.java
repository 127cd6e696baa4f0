package io.lrtyield.common.chain;

import java.util.List;
import java.util.Locale;

/**
 * Which JSON-RPC error objects are a provider's transient failure — worth another attempt, on another endpoint when
 * there is one — and which are the node's answer. A transient error is one the same request can succeed after:
 * <ul>
 *   <li>codes -32005 (limit exceeded / rate limited: Infura, Alchemy, QuickNode), -32603 (internal error: providers'
 *       overloaded backends), -32002 and -32004 (resource unavailable / not found at a lagging node);</li>
 *   <li>code -32000 (geth's catch-all server error) only with a message that says the node was not ready:
 *       "header not found" or "unknown block" (a load-balanced node behind the head), "missing trie node" (a node
 *       that pruned the state: another endpoint may have it), rate limits, timeouts, "busy", "try again";</li>
 *   <li>code 429 in the error object (some gateways send it there instead of the HTTP status).</li>
 * </ul>
 * Everything else is deterministic and answered as is, never retried: execution reverted (code 3, or -32000
 * "execution reverted"), nonce too low, already known, insufficient funds, replacement underpriced, invalid params
 * (-32602), method not found (-32601), parse / invalid request (-32700 / -32600) — another attempt gives the same
 * answer, and for a transaction it could do harm.
 */
public final class RpcErrors {

    /** What nodes say when they have no header or state for a block (behind the head, or pruned): another node may. */
    private static final List<String> HISTORY_UNAVAILABLE = List.of("missing trie node", "header not found", "unknown block",
            "state histories", "historical state", "state is not available", "pruned");
    private static final List<String> TRANSIENT_MESSAGES = java.util.stream.Stream.concat(HISTORY_UNAVAILABLE.stream(),
            java.util.stream.Stream.of("rate limit", "too many requests", "limit exceeded", "timeout", "timed out", "busy", "try again",
                    "temporarily unavailable", "capacity", "overloaded")).toList();

    private RpcErrors() {
    }

    /**
     * Does the message say the node has no header or state for the block asked (a node behind the head, or one that
     * pruned it)? The catch-up of each per-block pipeline counts these towards a gap ({@link CatchUp}).
     */
    public static boolean historyUnavailable(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return HISTORY_UNAVAILABLE.stream().anyMatch(m::contains);
    }

    /** Is a JSON-RPC error with this code and message worth another attempt? */
    public static boolean transientError(int code, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("execution reverted") || m.contains("revert")) {
            return false;
        }
        return switch (code) {
            case -32005, -32603, -32002, -32004, 429 -> true;
            case -32000, -32001 -> TRANSIENT_MESSAGES.stream().anyMatch(m::contains);
            default -> false;
        };
    }
}

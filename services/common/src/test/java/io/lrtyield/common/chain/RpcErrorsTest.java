package io.lrtyield.common.chain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Providers' transient JSON-RPC errors are retried; the node's deterministic answers are not. */
class RpcErrorsTest {

    @Test
    void transientFailuresOfProvidersAreRetried() {
        assertTrue(RpcErrors.transientError(-32005, "daily request count exceeded, request rate limited"));
        assertTrue(RpcErrors.transientError(-32603, "internal error"));
        assertTrue(RpcErrors.transientError(-32000, "header not found"));
        assertTrue(RpcErrors.transientError(-32000, "missing trie node 1f2e… (path )"));
        assertTrue(RpcErrors.transientError(-32000, "request timed out"));
        assertTrue(RpcErrors.transientError(429, "Too Many Requests"));
        assertTrue(RpcErrors.transientError(-32001, "Resource not found, try again"));
    }

    @Test
    void theNodesAnswersAreNot() {
        assertFalse(RpcErrors.transientError(3, "execution reverted: BAL#507"));
        assertFalse(RpcErrors.transientError(-32000, "execution reverted"));
        assertFalse(RpcErrors.transientError(-32603, "execution reverted"), "a revert is an answer whatever its code");
        assertFalse(RpcErrors.transientError(-32000, "nonce too low"));
        assertFalse(RpcErrors.transientError(-32000, "already known"));
        assertFalse(RpcErrors.transientError(-32000, "insufficient funds for gas * price + value"));
        assertFalse(RpcErrors.transientError(-32000, "replacement transaction underpriced"));
        assertFalse(RpcErrors.transientError(-32602, "invalid argument 0: hex string without 0x prefix"));
        assertFalse(RpcErrors.transientError(-32601, "the method eth_foo does not exist/is not available"));
        assertFalse(RpcErrors.transientError(-32700, "parse error"));
    }
}

package io.lrtyield.common.chain;

import java.io.IOException;

/** A JSON-RPC call that failed after its retries, or that the node answered with an error. */
public class RpcException extends IOException {

    private final boolean retryable;

    public RpcException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Transport errors, timeouts, 429, 5xx and transient JSON-RPC errors ({@link RpcErrors}) are worth another attempt. */
    public boolean retryable() {
        return retryable;
    }
}

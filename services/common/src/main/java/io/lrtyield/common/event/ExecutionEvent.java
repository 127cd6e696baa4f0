package io.lrtyield.common.event;

import java.math.BigInteger;

/**
 * One state change of one transaction, on {@code executions.v1}, keyed by vault.
 *
 * @param status SIGNED, SENT, MINED, CONFIRMED, FAILED or REPLACED
 * @param txHash hash of the signed transaction (never the raw bytes or anything derived from the key)
 */
public record ExecutionEvent(
        int schemaVersion,
        String eventId,
        String vault,
        String planId,
        int actionIndex,
        String status,
        String txHash,
        BigInteger nonce,
        String to,
        BigInteger valueWei,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        String error,
        Provenance provenance) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public static String idFor(String vault, String txHash, String status) {
        return EventIds.of("ExecutionEvent", vault, txHash, status);
    }

    @Override
    public String key() {
        return vault;
    }
}

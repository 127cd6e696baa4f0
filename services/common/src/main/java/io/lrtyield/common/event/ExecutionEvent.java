package io.lrtyield.common.event;

import java.math.BigInteger;

/**
 * One state change of one transaction, on {@code executions.v1}, keyed by vault.
 *
 * @param status SIGNED, SENT, MINED, CONFIRMED, FAILED or REPLACED; {@code ADMIN} for an operator's or admin's action
 * @param txHash hash of the signed transaction (never the raw bytes or anything derived from the key)
 * @param admin  who did what to which target and how it ended, on {@code ADMIN} events only (null otherwise; added in
 *               schema version 1 as an optional field, so older consumers ignore it)
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
        Provenance provenance,
        AdminAction admin) implements Event {

    public static final int SCHEMA_VERSION = 1;
    public static final String ADMIN = "ADMIN";

    /** A transaction's state change (no admin part). */
    public ExecutionEvent(int schemaVersion, String eventId, String vault, String planId, int actionIndex, String status,
                          String txHash, BigInteger nonce, String to, BigInteger valueWei, BigInteger maxFeePerGas,
                          BigInteger maxPriorityFeePerGas, String error, Provenance provenance) {
        this(schemaVersion, eventId, vault, planId, actionIndex, status, txHash, nonce, to, valueWei, maxFeePerGas,
                maxPriorityFeePerGas, error, provenance, null);
    }

    /**
     * An audited admin action.
     *
     * @param subject the token's subject (who)
     * @param action  e.g. {@code plan.approve}, {@code pause}, {@code policy.update} (what)
     * @param target  plan id, vault or setting acted on
     * @param outcome {@code OK}, {@code CONFLICT}, {@code NOT_FOUND}, {@code REJECTED} or {@code ERROR}
     * @param atMillis wall-clock time of the action, epoch milliseconds (when)
     */
    public record AdminAction(String subject, String action, String target, String outcome, long atMillis) {
    }

    /** The {@code ADMIN} event for one audited action; its id is deterministic in vault, action and time. */
    public static ExecutionEvent admin(String vault, AdminAction action, String detail, Provenance provenance) {
        return new ExecutionEvent(SCHEMA_VERSION, EventIds.of("ExecutionEvent", vault, ADMIN, action.subject(), action.action(),
                action.target(), action.atMillis()), vault, action.target(), -1, ADMIN, null, null, null, null, null, null,
                detail, provenance, action);
    }

    public static String idFor(String vault, String txHash, String status) {
        return EventIds.of("ExecutionEvent", vault, txHash, status);
    }

    @Override
    public String key() {
        return vault;
    }
}

package io.lrtyield.rebalancer.admin;

/**
 * One audited admin action as stored in {@code audit:admin}.
 *
 * @param atMillis wall-clock time, epoch milliseconds
 * @param subject  the token's subject
 * @param action   e.g. {@code plan.approve}, {@code pause}, {@code policy.update}
 * @param target   plan id, vault or setting acted on
 * @param outcome  OK, NOT_FOUND, CONFLICT, REJECTED or ERROR
 * @param detail   a short human-readable line (never key material)
 */
public record AuditEntry(long atMillis, String subject, String action, String target, String outcome, String detail) {

    public static final String OK = "OK";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String CONFLICT = "CONFLICT";
    public static final String REJECTED = "REJECTED";
    public static final String ERROR = "ERROR";
}

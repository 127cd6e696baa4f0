package io.lrtyield.rebalancer.admin;

/**
 * Roles carried in a token's {@code groups} claim. Each is a superset of the one before (admin ⊇ operator ⊇ viewer):
 * endpoints list every role that may call them, so a token needs only its highest role.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}

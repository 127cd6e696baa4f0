package io.lrtyield.strategy.optimizer;

/** Argument checks with messages that name the offending field. */
final class Checks {

    private Checks() {
    }

    static double finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, was " + value);
        }
        return value;
    }

    static double nonNegative(String what, double value) {
        finite(what, value);
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
        return value;
    }

    /** A limit: non-negative, and +Infinity means "no limit". */
    static double limit(String what, double value) {
        if (Double.isNaN(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0 (or +Infinity for none), was " + value);
        }
        return value;
    }
}

package io.lrtyield.common.runtime;

/**
 * Query parameters parsed by hand: JAX-RS answers 404 to an unconvertible {@code @QueryParam Integer}, but a
 * malformed number is the client's error, so it gets a 400 problem that names the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static long longParam(String raw, String name, long defaultValue, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be an integer, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.badRequest(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static int intParam(String raw, String name, int defaultValue, int min, int max) {
        return (int) longParam(raw, name, defaultValue, min, max);
    }
}

package io.lrtyield.common.runtime;

/** Thrown by resources for a client error that must reach the caller as problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, what + " not found", "no " + what + " '" + id + "'");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}

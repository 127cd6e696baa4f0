package io.lrtyield.common.runtime;

import io.grpc.Status;

/** The gRPC face of a {@link ProblemException}: the same client errors, as gRPC status codes. */
public final class GrpcProblems {

    private GrpcProblems() {
    }

    /** Maps a problem to its gRPC status (400 → INVALID_ARGUMENT, 404 → NOT_FOUND, 503 → UNAVAILABLE). */
    public static Throwable toStatus(Throwable e) {
        if (!(e instanceof ProblemException p)) {
            return Status.INTERNAL.withDescription("the server failed to answer; see its logs").asRuntimeException();
        }
        Status status = switch (p.status()) {
            case 400 -> Status.INVALID_ARGUMENT;
            case 404 -> Status.NOT_FOUND;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        return status.withDescription(p.getMessage()).asRuntimeException();
    }
}

package io.lrtyield.rebalancer.admin;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * gRPC statuses of security failures, the twins of the REST 401/403 ({@link SecurityProblems}). Quarkus' default maps
 * every {@link SecurityException} but a failed authentication to PERMISSION_DENIED — including the
 * {@link UnauthorizedException} of a call without a token. Here a call without a valid token (none, expired, badly
 * signed, other issuer) is UNAUTHENTICATED and a valid token whose roles do not allow the method is PERMISSION_DENIED.
 * The description never says which check failed (no oracle for forged tokens).
 */
@Alternative
@Priority(1)
@Singleton
public class GrpcSecurityStatuses implements AuthExceptionHandlerProvider {

    static final String UNAUTHENTICATED = "a valid bearer token is required";
    static final String PERMISSION_DENIED = "the token's roles do not allow this action";

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public <ReqT, RespT> AuthExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
                                                                         ServerCall<ReqT, RespT> serverCall, Metadata metadata) {
        return new AuthExceptionHandler<>(listener, serverCall, metadata) {
            @Override
            protected void handleException(Throwable e, ServerCall<ReqT, RespT> call, Metadata trailers) {
                if (handlesException(e)) {
                    call.close(status(e), trailers);
                } else {
                    super.handleException(e, call, trailers);
                }
            }
        };
    }

    @Override
    public boolean handlesException(Throwable e) {
        return e instanceof AuthenticationException || e instanceof SecurityException;
    }

    @Override
    public StatusException transformToStatusException(Throwable e) {
        return new StatusException(status(e));
    }

    /** Not (validly) authenticated → UNAUTHENTICATED; authenticated without the role → PERMISSION_DENIED. */
    static Status status(Throwable e) {
        if (e instanceof AuthenticationException || e instanceof UnauthorizedException) {
            return Status.UNAUTHENTICATED.withDescription(UNAUTHENTICATED);
        }
        return Status.PERMISSION_DENIED.withDescription(PERMISSION_DENIED);
    }
}

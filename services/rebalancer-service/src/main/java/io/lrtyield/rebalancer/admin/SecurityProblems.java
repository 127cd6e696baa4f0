package io.lrtyield.rebalancer.admin;

import io.lrtyield.common.runtime.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problem+json, like every other error. Authentication is lazy ({@code quarkus.http.auth.proactive=false})
 * so that a missing, expired, badly signed or wrong-issuer token reaches these mappers instead of an empty HTTP-layer
 * reply; the detail never says which check failed (no oracle for forged tokens).
 */
public class SecurityProblems {

    static final String CHALLENGE = "Bearer";

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response badToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(403, "Forbidden", "the token's roles do not allow this action", uri).build();
    }

    static Response unauthorized(UriInfo uri) {
        return build(401, "Unauthorized", "a valid bearer token is required", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    private static Response.ResponseBuilder build(int status, String title, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri == null ? null : uri.getPath()));
    }
}

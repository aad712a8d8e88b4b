package io.dbaas.orion.security;

import io.dbaas.orion.shared.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403, 429 and the firewall's 400 as problem details, in the same shape as every other error. These are written by the security
 * filters, before any controller runs, hence outside the MVC problem handler.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    /** Missing, malformed, unknown, revoked or wrong token: one answer for all, so none tells which. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"orion\"");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHENTICATED,
                "Unauthenticated",
                "Send a valid management token: Authorization: Bearer <token>.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                "The role of this credential does not allow this request.");
    }

    /**
     * The firewall refused the request's URL or headers (a {@code ..} segment, a {@code ;} parameter, an encoded slash
     * or control character, ...) before anything else looked at it, token included. Its path is not repeated: it is
     * what was refused.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", ProblemTypes.REJECTED_REQUEST.toString());
        problem.put("title", "Request rejected");
        problem.put("status", HttpStatus.BAD_REQUEST.value());
        problem.put(
                "detail",
                "The request's URL or headers are not accepted: no '..' or '.' segment, ';' parameter, encoded slash,"
                        + " backslash, percent sign or control character.");
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The client address used up its failed authentications. Said whatever the token, valid or not, so that a guesser
     * learns nothing about the tokens it tries while it waits.
     */
    void tooManyFailedAuthentications(HttpServletRequest request, HttpServletResponse response, Duration retryAfter)
            throws IOException {
        // Whole seconds, rounded up: retrying at the rounded-down second would be refused again.
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                ProblemTypes.TOO_MANY_FAILED_AUTHENTICATIONS,
                "Too many failed authentications",
                "Too many requests from this address had no valid management token. Retry after the time in"
                        + " Retry-After.");
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            URI type,
            String title,
            String detail)
            throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}

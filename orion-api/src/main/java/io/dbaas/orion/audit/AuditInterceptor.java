package io.dbaas.orion.audit;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.shared.Audited;
import io.dbaas.orion.shared.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Opens the audit of a change request as soon as its handler is known, before any other interceptor may refuse it
 * (the role check before the body, another account's cluster), and records a refusal that never became a problem body
 * Orion wrote itself: a role refused by Spring Security, answered after this request has left the dispatcher.
 */
final class AuditInterceptor implements HandlerInterceptor {

    /** Validates and stores nothing: not a change. */
    private static final String DRY_RUN = "dry_run";

    private final ObjectProvider<AuditTrail> trail;
    private final Clock clock;

    AuditInterceptor(ObjectProvider<AuditTrail> trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Audited audited = method.getMethodAnnotation(Audited.class);
        Caller caller = caller();
        if (audited == null || caller == null || Boolean.parseBoolean(request.getParameter(DRY_RUN))) {
            return true;
        }
        // The address as the servlet container gives it: the peer, or the client a trusted proxy forwarded
        // (server.forward-headers-strategy); never a forwarding header read here.
        new ChangeUnderAudit(audited, caller, pathVariables(request), request.getRemoteAddr(), clock.instant())
                .attachTo(request);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception failure) {
        ChangeUnderAudit.of(request).filter(change -> !change.settled()).ifPresent(change -> {
            if (failure instanceof AccessDeniedException) {
                // Spring Security answers it once it leaves the dispatcher: recorded first, so the event exists before
                // the client reads the answer.
                trail.getObject().refused(change, HttpStatus.FORBIDDEN.value(), ProblemTypes.FORBIDDEN.toString());
            } else if (failure == null
                    && HttpStatus.valueOf(response.getStatus()).is4xxClientError()) {
                trail.getObject()
                        .refused(
                                change,
                                response.getStatus(),
                                ProblemTypes.forStatus(HttpStatus.valueOf(response.getStatus()))
                                        .toString());
            }
        });
    }

    private static @Nullable Caller caller() {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }

    private static Map<String, String> pathVariables(HttpServletRequest request) {
        var variables = new LinkedHashMap<String, String>();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> found) {
            found.forEach((name, value) -> {
                if (name instanceof String key && value instanceof String text) {
                    variables.put(key, text);
                }
            });
        }
        return variables;
    }
}

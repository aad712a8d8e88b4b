package io.dbaas.orion.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a handler's {@code @PreAuthorize} once its handler is known and before its arguments are resolved: that is,
 * before its body is read, bound or validated. Method security checks the same rule again when the method is called,
 * too late to spare the body: without this, a viewer's malformed claim was a {@code 400} and a viewer could make Orion
 * parse any body it liked. The rule stays where it is written, on the handler, so that the two checks cannot drift.
 */
final class RoleBeforeBodyInterceptor implements HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager rules = new PreAuthorizeAuthorizationManager();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            var invocation = new SimpleMethodInvocation(method.getBean(), method.getMethod());
            AuthorizationResult result = rules.authorize(
                    SecurityContextHolder.getContextHolderStrategy().getContext()::getAuthentication, invocation);
            if (result != null && !result.isGranted()) {
                // Answered by Spring Security's access-denied handler, as a refusal by method security is.
                throw new AuthorizationDeniedException("Access Denied", result);
            }
        }
        return true;
    }
}

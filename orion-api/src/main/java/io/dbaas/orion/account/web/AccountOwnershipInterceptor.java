package io.dbaas.orion.account.web;

import io.dbaas.orion.account.AccountAdministration;
import io.dbaas.orion.account.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Answers a request about another account's credentials {@code 404} before its body is read, whatever the body
 * holds: another account is answered as if it did not exist, a malformed body included.
 */
final class AccountOwnershipInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof Caller caller
                && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("accountId") instanceof String value) {
            try {
                AccountAdministration.requireOwnAccount(caller, UUID.fromString(value));
            } catch (IllegalArgumentException notAnId) {
                // Answered 404 by the handler, before its body too.
            }
        }
        return true;
    }
}

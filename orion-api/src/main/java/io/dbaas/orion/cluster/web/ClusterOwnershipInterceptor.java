package io.dbaas.orion.cluster.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.ClusterClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Answers a write to another account's cluster {@code 404} before its body is read: what the body holds, valid or not,
 * changes nothing to the answer, and a stranger learns nothing from a {@code 400} about clusters that are not its own.
 * Covers every handler under {@code /v1/clusters/{id}}, the cluster's API keys and tokens included.
 */
final class ClusterOwnershipInterceptor implements HandlerInterceptor {

    /** Only requests with a body: the others are answered by their handler, which looks the cluster up first. */
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private static final Set<String> CLUSTER_VARIABLES = Set.of("id", "clusterId");

    private final ClusterClaims claims;

    ClusterOwnershipInterceptor(ClusterClaims claims) {
        this.claims = claims;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!WITH_BODY.contains(request.getMethod())) {
            return true;
        }
        Authentication authentication =
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            return true;
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (String name : CLUSTER_VARIABLES) {
                if (variables.get(name) instanceof String value) {
                    // A value that is no id is answered 404 by the handler, before its body too.
                    parse(value).ifPresent(id -> claims.find(caller.accountId(), id));
                }
            }
        }
        return true;
    }

    private static Optional<UUID> parse(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}

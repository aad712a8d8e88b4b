package io.dbaas.orion.web;

import io.dbaas.orion.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers 503 when PostgreSQL is away while a filter runs, before any controller: above all authentication, which
 * reads the caller's credential from the database. Without it such a failure escapes the filter chain and ends in the
 * container's error dispatch, which the security rules then refuse: a caller with a valid token would read 401 or 500
 * instead of "try again later". The answer itself is written by {@link ProblemHandler}, as for a controller.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver resolver;

    DatabaseOutageFilter(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (response.isCommitted()
                    || !DatabaseOutage.isCause(e)
                    || resolver.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
    }
}

package io.dbaas.orion.security;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.account.CredentialVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <management token>}. A request without the header goes on anonymous, and the
 * authorization rules decide; a header that does not prove a credential ends the request with 401 at once. Every
 * kind of bad token (malformed, unknown, revoked, wrong secret) gets the same answer, so none reveals which it was.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final CredentialVerifier verifier;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(CredentialVerifier verifier, AuthenticationEntryPoint entryPoint) {
        this.verifier = verifier;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? verifier.verify(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            entryPoint.commence(request, response, new BadCredentialsException("invalid management token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}

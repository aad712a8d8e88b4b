package io.dbaas.orion.security;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.account.CredentialVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <management token>}. A request without the header goes on anonymous, and the
 * authorization rules decide; a header that does not prove a credential ends the request with 401 at once. Every
 * kind of bad token (malformed, unknown, revoked, wrong secret) gets the same answer, so none reveals which it was.
 *
 * <p>Each 401 spends one of the client address's failed authentications. An address that has none left gets 429 for
 * every request with the header, before its token is looked at: guessing costs the guesser time and Orion's database
 * nothing.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final CredentialVerifier verifier;
    private final FailedAuthenticationBudget failures;
    private final SecurityProblems problems;

    BearerTokenFilter(CredentialVerifier verifier, FailedAuthenticationBudget failures, SecurityProblems problems) {
        this.verifier = verifier;
        this.failures = failures;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        // The address as the servlet container gives it: the peer of the connection, or the client a proxy it was
        // told to trust forwarded (server.forward-headers-strategy); never a forwarding header read here.
        String client = request.getRemoteAddr();
        Optional<Duration> exhausted = failures.exhaustedFor(client);
        if (exhausted.isPresent()) {
            problems.tooManyFailedAuthentications(request, response, exhausted.get());
            return;
        }
        Optional<Caller> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? verifier.verify(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            failures.failed(client);
            problems.commence(request, response, new BadCredentialsException("invalid management token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}

package io.dbaas.orion.security;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.account.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A verified caller. Its authorities are {@code ROLE_<role>} for its role and every role that role includes, so
 * {@code hasRole('VIEWER')} holds for admins and operators too.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(caller.role().included().stream()
                .map(Role::name)
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** There is no credential to keep once verified; the token is not held in memory longer than the request. */
    @Override
    public Object getCredentials() {
        return "";
    }
}

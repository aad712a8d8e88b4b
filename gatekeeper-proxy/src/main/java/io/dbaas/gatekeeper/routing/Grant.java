package io.dbaas.gatekeeper.routing;

import io.dbaas.contracts.security.KeyScope;

/**
 * What a checked credential allows.
 *
 * @param credential the presented key or token, as the per-credential rate limit counts it (hashed there, never kept)
 * @param scope what it may do
 */
record Grant(String credential, KeyScope scope) {

    @Override
    public String toString() {
        return "Grant[scope=" + scope + "]";
    }
}

package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.directory.UpstreamCredential;
import org.springframework.http.HttpHeaders;

/** The credential headers a client may send and GateKeeper must not pass on. */
final class ApiKeyHeaders {

    /** Where clients present their API key. */
    static final String API_KEY = UpstreamCredential.API_KEY;

    private ApiKeyHeaders() {}

    /**
     * Replaces whatever credentials the client sent with the cluster's own. Authorization and cookies go too: the
     * cluster must see GateKeeper's credential and nothing a client could use to speak for someone else.
     */
    static void replaceClientCredentials(HttpHeaders headers, UpstreamCredential upstreamCredential) {
        headers.remove(API_KEY);
        headers.remove(HttpHeaders.AUTHORIZATION);
        headers.remove(HttpHeaders.COOKIE);
        headers.set(upstreamCredential.header(), upstreamCredential.value());
    }
}

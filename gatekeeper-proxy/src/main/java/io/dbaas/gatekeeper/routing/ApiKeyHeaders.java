package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.directory.UpstreamCredential;

/** Where clients present their API key: the header Qdrant uses for its own, so that Qdrant's clients work as they are. */
final class ApiKeyHeaders {

    static final String API_KEY = UpstreamCredential.API_KEY;

    private ApiKeyHeaders() {}
}

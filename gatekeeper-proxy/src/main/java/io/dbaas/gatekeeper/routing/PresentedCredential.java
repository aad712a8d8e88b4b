package io.dbaas.gatekeeper.routing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** What a client offered to prove it may use the cluster: an API key, a bearer token, or nothing usable. */
sealed interface PresentedCredential {

    PresentedCredential NONE = new None();

    /** The {@code api-key} header wins when both are sent: it is the one GateKeeper documents first. */
    static PresentedCredential of(HttpHeaders headers) {
        String apiKey = headers.get(ApiKeyHeaders.API_KEY);
        if (apiKey != null) {
            return new ApiKey(apiKey);
        }
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        String scheme = "Bearer ";
        if (authorization != null && authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return new BearerToken(authorization.substring(scheme.length()).strip());
        }
        return NONE;
    }

    record None() implements PresentedCredential {}

    record ApiKey(String value) implements PresentedCredential {
        @Override
        public String toString() {
            return "ApiKey[redacted]";
        }
    }

    record BearerToken(String value) implements PresentedCredential {
        @Override
        public String toString() {
            return "BearerToken[redacted]";
        }
    }
}

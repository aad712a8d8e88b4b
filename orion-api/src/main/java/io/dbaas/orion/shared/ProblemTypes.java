package io.dbaas.orion.shared;

import java.net.URI;
import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} of the problems any part of Orion may answer with (authentication, malformed or oversized
 * requests, outages), and the one way to name a feature's own: each feature declares its types in its
 * {@code web/*Problems} handler. Clients may switch on them.
 */
public final class ProblemTypes {

    private static final String PREFIX = "urn:dbaas:problem:";

    public static final URI UNAUTHENTICATED = of("unauthenticated");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI TOO_MANY_FAILED_AUTHENTICATIONS = of("too-many-failed-authentications");
    public static final URI INVALID_REQUEST = of("invalid-request");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI REJECTED_REQUEST = of("rejected-request");
    public static final URI INTERNAL_ERROR = of("internal-error");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");

    private ProblemTypes() {}

    /** For errors raised by the web framework itself (405, 406, 415, ...): named after the status. */
    public static URI forStatus(HttpStatusCode status) {
        return of("http-" + status.value());
    }

    /** The one way to name a problem type: each feature declares its own types with it, beside its handler. */
    public static URI of(String slug) {
        return URI.create(PREFIX + slug);
    }
}

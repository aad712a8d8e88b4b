package io.dbaas.orion.shared;

import java.net.URI;
import org.springframework.http.HttpStatusCode;

/** The stable {@code type} of every problem Orion answers with. Clients may switch on these. */
public final class ProblemTypes {

    private static final String PREFIX = "urn:dbaas:problem:";

    public static final URI UNAUTHENTICATED = of("unauthenticated");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI TOO_MANY_FAILED_AUTHENTICATIONS = of("too-many-failed-authentications");
    public static final URI INVALID_CLAIM = of("invalid-claim");
    public static final URI INVALID_REQUEST = of("invalid-request");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI REJECTED_REQUEST = of("rejected-request");
    public static final URI CLUSTER_NOT_FOUND = of("cluster-not-found");
    public static final URI ACCOUNT_NOT_FOUND = of("account-not-found");
    public static final URI CREDENTIAL_NOT_FOUND = of("credential-not-found");
    public static final URI CLUSTER_NOT_RUNNING = of("cluster-not-running");
    public static final URI API_KEY_NOT_FOUND = of("api-key-not-found");
    public static final URI EXPIRY_OUT_OF_RANGE = of("expiry-out-of-range");
    public static final URI REGION_NOT_FOUND = of("region-not-found");
    public static final URI REGION_IN_USE = of("region-in-use");
    public static final URI IDEMPOTENCY_KEY_REUSED = of("idempotency-key-reused");
    public static final URI LAST_ADMINISTRATOR = of("last-administrator");
    public static final URI INVALID_CHANGE = of("invalid-change");
    public static final URI CHANGE_REFUSED = of("change-refused");
    public static final URI OPERATION_IN_PROGRESS = of("operation-in-progress");
    public static final URI CLUSTER_STATE_CONFLICT = of("cluster-state-conflict");
    public static final URI PRECONDITION_FAILED = of("precondition-failed");
    public static final URI CAPACITY_EXCEEDED = of("capacity-exceeded");
    public static final URI OPERATION_NOT_FOUND = of("operation-not-found");
    public static final URI INTERNAL_ERROR = of("internal-error");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");

    private ProblemTypes() {}

    /** For errors raised by the web framework itself (405, 406, 415, ...): named after the status. */
    public static URI forStatus(HttpStatusCode status) {
        return of("http-" + status.value());
    }

    private static URI of(String slug) {
        return URI.create(PREFIX + slug);
    }
}

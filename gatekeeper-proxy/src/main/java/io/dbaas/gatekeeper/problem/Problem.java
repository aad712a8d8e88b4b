package io.dbaas.gatekeeper.problem;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem body. Built only from the constants below, never from request data or an exception message, so
 * it cannot carry a secret.
 */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(URI type, String title, int status, String detail) {

    private static final String TYPE_PREFIX = "urn:dbaas:problem:";

    /** The same answer for an unknown host and a host outside the domain: neither reveals which clusters exist. */
    public static final Problem UNKNOWN_CLUSTER =
            of("unknown-cluster", "Unknown cluster", HttpStatus.NOT_FOUND, "No cluster is served at this host name.");

    /** The same answer for a missing and a wrong key, so that a caller learns nothing about the key it tried. */
    public static final Problem UNAUTHENTICATED = of(
            "unauthenticated",
            "Unauthenticated",
            HttpStatus.UNAUTHORIZED,
            "This cluster needs a valid API key for it in the api-key header, or a valid token for it in"
                    + " Authorization: Bearer.");

    /** The credential is genuine but read-only, and the request writes. */
    public static final Problem READ_ONLY_CREDENTIAL = of(
            "read-only-credential",
            "Read-only credential",
            HttpStatus.FORBIDDEN,
            "This API key or token may only read, and this request writes. Use a read-write key.");

    /** Answered before any key is checked: the cluster has no key to check against yet. */
    public static final Problem CLUSTER_PROVISIONING = of(
            "cluster-provisioning",
            "Cluster not ready yet",
            HttpStatus.SERVICE_UNAVAILABLE,
            "The cluster is being provisioned. Retry after the time in Retry-After.");

    public static final Problem CLUSTER_FAILED = of(
            "cluster-failed",
            "Cluster failed",
            HttpStatus.SERVICE_UNAVAILABLE,
            "The cluster could not be provisioned and does not serve. Check the cluster's status.");

    public static final Problem CLUSTER_DELETING = of(
            "cluster-deleting",
            "Cluster being deleted",
            HttpStatus.SERVICE_UNAVAILABLE,
            "The cluster is being deleted and no longer serves.");

    /** The cluster did not take the connection, or broke it: nothing GateKeeper can retry safely on its behalf. */
    public static final Problem UPSTREAM_UNAVAILABLE = of(
            "upstream-unavailable",
            "Cluster unavailable",
            HttpStatus.BAD_GATEWAY,
            "The cluster could not be reached. Retry later; if it persists, check the cluster's status.");

    public static final Problem UPSTREAM_TIMEOUT = of(
            "upstream-timeout",
            "Cluster too slow",
            HttpStatus.GATEWAY_TIMEOUT,
            "The cluster did not answer in time. The request may or may not have been applied.");

    public static final Problem RATE_LIMITED = of(
            "rate-limited",
            "Too many requests",
            HttpStatus.TOO_MANY_REQUESTS,
            "This API key made more requests than it may. Retry after the time in Retry-After.");

    /** Said before any key is checked, so that a guesser learns nothing more about the keys it tries. */
    public static final Problem TOO_MANY_FAILED_AUTHENTICATIONS = of(
            "too-many-failed-authentications",
            "Too many failed authentications",
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests from this address had no valid API key. Retry after the time in Retry-After.");

    /** Ambiguous or broken framing (two Host headers, conflicting lengths): answered rather than guessed at. */
    /** Methods that would make a cluster's connection something else than HTTP requests and answers, or echo them. */
    public static final Problem METHOD_NOT_ALLOWED = of(
            "method-not-allowed",
            "Method not allowed",
            HttpStatus.METHOD_NOT_ALLOWED,
            "GateKeeper does not pass CONNECT or TRACE requests to a cluster.");

    public static final Problem MALFORMED_REQUEST = of(
            "malformed-request",
            "Malformed request",
            HttpStatus.BAD_REQUEST,
            "The request is not well-formed HTTP, or its Host or length headers are ambiguous.");

    public static final Problem BODY_TOO_LARGE = of(
            "body-too-large",
            "Request body too large",
            HttpStatus.CONTENT_TOO_LARGE,
            "The request body is larger than this gateway accepts. Send smaller batches.");

    public static final Problem HEADERS_TOO_LARGE = of(
            "headers-too-large",
            "Request headers too large",
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request headers are larger than this gateway accepts.");

    /** Each header field costs the cluster work too; a client's error, not the cluster's, so answered here. */
    public static final Problem TOO_MANY_HEADERS = of(
            "too-many-headers",
            "Too many request headers",
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request has more header fields than this gateway accepts.");

    public static final Problem URI_TOO_LONG = of(
            "uri-too-long",
            "Request line too long",
            HttpStatus.URI_TOO_LONG,
            "The request line is longer than this gateway accepts.");

    public static final Problem INTERNAL_ERROR = of(
            "internal-error",
            "Internal error",
            HttpStatus.INTERNAL_SERVER_ERROR,
            "GateKeeper could not handle the request. Retry later; if it persists, contact the operator.");

    private static Problem of(String slug, String title, HttpStatus status, String detail) {
        return new Problem(URI.create(TYPE_PREFIX + slug), title, status.value(), detail);
    }
}

package io.dbaas.gatekeeper.problem;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem body. Built only from the constants below or from a bare status, never from request data or an
 * exception message, so it cannot carry a secret.
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
            "This cluster needs a valid API key for it in the api-key header.");

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

    public static final Problem INTERNAL_ERROR = of(
            "internal-error",
            "Internal error",
            HttpStatus.INTERNAL_SERVER_ERROR,
            "GateKeeper could not handle the request. Retry later; if it persists, contact the operator.");

    /** The problem GateKeeper answers with for a status raised by the gateway or the web server. */
    public static Problem forStatus(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> UNKNOWN_CLUSTER;
            case BAD_GATEWAY -> UPSTREAM_UNAVAILABLE;
            case GATEWAY_TIMEOUT -> UPSTREAM_TIMEOUT;
            default -> generic(status);
        };
    }

    /**
     * For statuses with no GateKeeper-specific meaning: RFC 9457's {@code about:blank}, whose title is the status
     * phrase.
     */
    private static Problem generic(HttpStatus status) {
        return new Problem(
                URI.create("about:blank"), status.getReasonPhrase(), status.value(), status.getReasonPhrase());
    }

    private static Problem of(String slug, String title, HttpStatus status, String detail) {
        return new Problem(URI.create(TYPE_PREFIX + slug), title, status.value(), detail);
    }
}

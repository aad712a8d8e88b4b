package io.dbaas.gatekeeper.directory;

import io.dbaas.contracts.Engine;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The header that carries the cluster's own credential to the cluster, in the form its engine expects. Built once per
 * route; its value is the master key (or made from it), so {@link #toString()} never shows it.
 *
 * @param header the header name
 * @param value the header value
 */
public record UpstreamCredential(String header, String value) {

    /** Qdrant's header for its API key. */
    public static final String API_KEY = "api-key";

    /** The superuser Elasticsearch is set up with; its password is the cluster's master key. */
    static final String ELASTICSEARCH_USER = "elastic";

    static UpstreamCredential of(Engine engine, MasterKey masterKey) {
        return switch (engine) {
            case QDRANT -> new UpstreamCredential(API_KEY, masterKey.upstreamCredential());
            case ELASTICSEARCH -> new UpstreamCredential("Authorization", basic(masterKey.upstreamCredential()));
        };
    }

    private static String basic(String password) {
        byte[] credentials = (ELASTICSEARCH_USER + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials);
    }

    @Override
    public String toString() {
        return "UpstreamCredential[header=" + header + ", value=redacted]";
    }
}

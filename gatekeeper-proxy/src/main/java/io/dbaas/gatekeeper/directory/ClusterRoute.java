package io.dbaas.gatekeeper.directory;

import io.dbaas.contracts.Engine;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where requests for one cluster go, and how to present its credential there.
 *
 * @param clusterId the cluster
 * @param engine the cluster's engine: which header carries its credential, and which requests write
 * @param host the public host name clients use, lower-case, without port
 * @param upstream the base URI of the cluster's client Service (scheme, host, port), known from events only
 * @param masterKey the credential GateKeeper checks keys and tokens against and sends upstream
 * @param sealedMasterKey the master key as it arrived, sealed; the only form of it the directory snapshot holds
 * @param upstreamTrust the CAs an {@code https} upstream's certificate must chain to; absent for {@code http}
 * @param upstreamCredential the header GateKeeper sends the cluster in place of the client's credentials
 */
public record ClusterRoute(
        UUID clusterId,
        Engine engine,
        String host,
        URI upstream,
        MasterKey masterKey,
        String sealedMasterKey,
        @Nullable UpstreamTrust upstreamTrust,
        UpstreamCredential upstreamCredential) {

    public ClusterRoute {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(masterKey, "masterKey");
        Objects.requireNonNull(sealedMasterKey, "sealedMasterKey");
        Objects.requireNonNull(upstreamCredential, "upstreamCredential");
        host = normalizeHost(host);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a cluster route needs a host");
        }
        if (upstream.getScheme() == null || upstream.getHost() == null) {
            throw new IllegalArgumentException("an upstream needs a scheme and a host: " + upstream);
        }
        if (isHttps(upstream) && upstreamTrust == null) {
            // Trusting the JVM's CAs, or anything, would let whoever answers at that address read the master key.
            throw new IllegalArgumentException("an https upstream needs the CA certificate its server chains to");
        }
    }

    /**
     * A route as a {@code ClusterProvisioned} event describes it.
     *
     * @param upstreamCaCertificate PEM; used only for an {@code https} upstream
     * @throws IllegalArgumentException when the addresses or the certificate cannot form a route
     */
    public static ClusterRoute of(
            UUID clusterId,
            Engine engine,
            String host,
            URI upstream,
            MasterKey masterKey,
            String sealedMasterKey,
            @Nullable String upstreamCaCertificate) {
        UpstreamTrust trust = isHttps(upstream) && upstreamCaCertificate != null
                ? UpstreamTrust.fromPem(upstreamCaCertificate)
                : null;
        return new ClusterRoute(
                clusterId,
                engine,
                host,
                upstream,
                masterKey,
                sealedMasterKey,
                trust,
                UpstreamCredential.of(engine, masterKey));
    }

    /** Host names compare case-insensitively, and a trailing dot names the same host (an absolute DNS name). */
    public static String normalizeHost(String host) {
        String lowerCase = host.strip().toLowerCase(Locale.ROOT);
        return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }

    private static boolean isHttps(URI upstream) {
        return "https".equalsIgnoreCase(upstream.getScheme());
    }

    /** Without the sealed key: encrypted, but still nothing a log line needs. */
    @Override
    public String toString() {
        return "ClusterRoute[clusterId=%s, engine=%s, host=%s, upstream=%s]"
                .formatted(clusterId, engine, host, upstream);
    }
}

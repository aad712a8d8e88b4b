package io.dbaas.gatekeeper.tls;

import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.tcp.SslProvider;

/**
 * The certificate of each region, chosen during the TLS handshake by the server name the client sends (SNI): a name
 * {@code <anything>.<region>.<provider>.<domain>} gets that region's certificate, exactly as a wildcard
 * {@code *.<region>.<provider>.<domain>} matches one label. Any other name, and a handshake without a name, gets the
 * fallback certificate; a client then refuses it by host name verification, saying which name it expected.
 *
 * <p>Spring Boot's own {@code server.ssl.server-name-bundles} matches whole server names only, and every cluster has its
 * own name, so GateKeeper maps names to regions itself. Certificates can be replaced while running (a renewed SSL
 * bundle); handshakes already under way finish with the certificate they started with.
 */
final class RegionalCertificates implements AsyncMapping<String, SslProvider> {

    private final Map<String, Served> bySubdomain = new ConcurrentHashMap<>();
    private volatile Served fallback;

    RegionalCertificates(SslBundle fallback, String fallbackSource) {
        this.fallback = Served.of(fallback, fallbackSource);
    }

    /** Serves {@code bundle} to names one label below {@code subdomain}; replaces what was served there. */
    void serve(String subdomain, SslBundle bundle, String source) {
        bySubdomain.put(subdomain, Served.of(bundle, source));
    }

    void serveFallback(SslBundle bundle, String source) {
        fallback = Served.of(bundle, source);
    }

    @Override
    public Future<SslProvider> map(@Nullable String serverName, Promise<SslProvider> promise) {
        return promise.setSuccess(servedFor(serverName).provider());
    }

    SslProvider fallbackProvider() {
        return fallback.provider();
    }

    /** Where the certificate for {@code serverName} comes from, such as {@code bundle 'aws-eu-west-1'}. */
    String sourceFor(@Nullable String serverName) {
        return servedFor(serverName).source();
    }

    /** The bundle whose certificate is served for {@code serverName}. */
    SslBundle bundleFor(@Nullable String serverName) {
        return servedFor(serverName).bundle();
    }

    /** The regions' subdomains and where each one's certificate comes from, then the fallback's, for the log. */
    String describe() {
        StringBuilder text = new StringBuilder();
        bySubdomain.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> text.append("*.")
                .append(entry.getKey())
                .append(": ")
                .append(entry.getValue().source())
                .append("; "));
        return text.append(bySubdomain.isEmpty() ? "every name: " : "any other name: ")
                .append(fallback.source())
                .toString();
    }

    private Served servedFor(@Nullable String serverName) {
        if (serverName == null) {
            return fallback;
        }
        String subdomain = subdomainOf(serverName);
        Served served = subdomain == null ? null : bySubdomain.get(subdomain);
        return served == null ? fallback : served;
    }

    /** What follows the first label of a server name, lower case, without a trailing dot; null for a single label. */
    static @Nullable String subdomainOf(String serverName) {
        String name = serverName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        int firstDot = name.indexOf('.');
        return firstDot <= 0 || firstDot == name.length() - 1 ? null : name.substring(firstDot + 1);
    }

    /** A certificate ready for handshakes (built once, when it is configured), its bundle, and where it came from. */
    private record Served(SslBundle bundle, SslProvider provider, String source) {

        static Served of(SslBundle bundle, String source) {
            return new Served(bundle, providerOf(bundle), source);
        }

        /**
         * HTTP/2 and HTTP/1.1 through ALPN, with the bundle's protocols and ciphers, as Spring Boot configures its own
         * server. Building the context now makes a certificate that cannot be used fail at start-up, not at the first
         * handshake.
         */
        private static SslProvider providerOf(SslBundle bundle) {
            SslOptions options = bundle.getOptions();
            Http2SslContextSpec spec = Http2SslContextSpec.forServer(
                            bundle.getManagers().getKeyManagerFactory())
                    .configure(builder -> builder.protocols(options.getEnabledProtocols())
                            .ciphers(SslOptions.asSet(options.getCiphers())));
            return SslProvider.builder().sslContext(spec).build();
        }
    }
}

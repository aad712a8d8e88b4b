package io.dbaas.gatekeeper.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS on the public port ({@code gatekeeper.tls.*}). Off by default: the port then speaks plain HTTP/1.1, as behind a
 * load balancer that terminates TLS.
 *
 * @param enabled whether the public port speaks HTTPS (HTTP/2 through ALPN, and HTTP/1.1)
 * @param bundle the name of a Spring SSL bundle ({@code spring.ssl.bundle.pem.<name>.keystore.*}) holding the server
 *     certificate, typically with a wildcard name per {@code <region>.<provider>.<domain>}; when absent, a development
 *     certificate authority signs one at start-up
 * @param development what the development certificate authority issues, used only when no bundle is configured
 */
@ConfigurationProperties("gatekeeper.tls")
public record TlsProperties(
        @DefaultValue("false") boolean enabled,
        @Nullable String bundle,
        @DefaultValue Development development) {

    /**
     * @param hosts the names the development certificate is valid for, such as
     *     {@code *.local.minikube.dbaas.localhost}: a wildcard covers one label only, so name each
     *     {@code <region>.<provider>.<domain>} that clusters live under
     * @param caCertificate where the development CA's certificate (never its key) is written, PEM, for clients to trust
     */
    public record Development(
            @DefaultValue List<String> hosts,
            @DefaultValue("gatekeeper-development-ca.pem") Path caCertificate) {

        /** A DNS name, optionally starting with one {@code *.} label. */
        private static final Pattern HOST =
                Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

        public Development {
            hosts = hosts.stream()
                    .map(host -> host.trim().toLowerCase(Locale.ROOT))
                    .toList();
            for (String host : hosts) {
                if (!HOST.matcher(host).matches()) {
                    throw new IllegalArgumentException("gatekeeper.tls.development.hosts must be DNS names such as "
                            + "*.eu-west-1.aws.dbaas.localhost, was '" + host + "'");
                }
            }
        }
    }

    public TlsProperties {
        if (bundle != null && bundle.isBlank()) {
            bundle = null;
        }
        if (enabled && bundle == null && development.hosts().isEmpty()) {
            throw new IllegalArgumentException(
                    "gatekeeper.tls.enabled=true needs a certificate: set gatekeeper.tls.bundle "
                            + "to a Spring SSL bundle, or, for development, gatekeeper.tls.development.hosts to the names a "
                            + "development certificate should cover (such as *.eu-west-1.aws.dbaas.localhost)");
        }
    }
}

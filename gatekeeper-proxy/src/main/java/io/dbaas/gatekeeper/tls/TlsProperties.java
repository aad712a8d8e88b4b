package io.dbaas.gatekeeper.tls;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS on the public port ({@code gatekeeper.tls.*}). Off by default: the port then speaks plain HTTP/1.1, as behind a
 * load balancer that terminates TLS.
 *
 * @param enabled whether the public port speaks HTTPS (HTTP/2 through ALPN, and HTTP/1.1)
 * @param bundle the name of a Spring SSL bundle ({@code spring.ssl.bundle.pem.<name>.keystore.*}) served to clients
 *     whose server name is in no listed region (or who send none); when absent, the first listed region's certificate
 *     is served to them
 * @param regions the regions served, each with its own certificate chosen by the server name (SNI) a client sends
 * @param development where the development certificate authority puts its certificate, used only for regions listed
 *     without a certificate
 */
@ConfigurationProperties("gatekeeper.tls")
public record TlsProperties(
        @DefaultValue("false") boolean enabled,
        @Nullable String bundle,
        @DefaultValue List<Region> regions,
        @DefaultValue Development development) {

    /** One DNS label: lower case letters, digits and inner hyphens. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public TlsProperties {
        bundle = blankToNull(bundle);
        Set<String> seen = new HashSet<>();
        for (Region region : regions) {
            if (!seen.add(region.region() + "." + region.provider())) {
                throw new IllegalArgumentException("gatekeeper.tls.regions lists region " + region.region()
                        + " of provider " + region.provider() + " twice");
            }
        }
        if (enabled && bundle == null && regions.isEmpty()) {
            throw new IllegalArgumentException(
                    "gatekeeper.tls.enabled=true needs a certificate: list the regions served "
                            + "in gatekeeper.tls.regions (each with a certificate, or, for development, without one: a "
                            + "development CA then issues it), or set gatekeeper.tls.bundle to a Spring SSL bundle");
        }
    }

    /**
     * A region served over TLS under {@code *.<region>.<provider>.<domain>}, with the certificate of a Spring SSL bundle,
     * or of a PEM certificate and key, or, when neither is given, a development certificate issued at start-up.
     *
     * @param region the region, such as {@code eu-west-1}
     * @param provider the cloud provider, such as {@code aws}
     * @param bundle the name of a Spring SSL bundle holding the region's certificate and key
     * @param certificate the location of the region's PEM certificate chain ({@code file:/etc/...}), leaf first
     * @param privateKey the location of the PEM private key of that certificate
     */
    public record Region(
            String region,
            String provider,
            @Nullable String bundle,
            @Nullable String certificate,
            @Nullable String privateKey) {

        public Region {
            region = label("region", region);
            provider = label("provider", provider);
            bundle = blankToNull(bundle);
            certificate = blankToNull(certificate);
            privateKey = blankToNull(privateKey);
            String where = "gatekeeper.tls.regions (" + region + "." + provider + ")";
            if ((certificate == null) != (privateKey == null)) {
                throw new IllegalArgumentException(where + ": certificate and private-key go together");
            }
            if (bundle != null && certificate != null) {
                throw new IllegalArgumentException(where + ": either a bundle or a certificate and key, not both");
            }
        }

        /** The name a cluster host of this region ends with, after its own first label. */
        String subdomain(String domain) {
            return region + "." + provider + "." + domain;
        }

        boolean needsDevelopmentCertificate() {
            return bundle == null && certificate == null;
        }

        private static String label(String what, @Nullable String value) {
            String label = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("gatekeeper.tls.regions: " + what
                        + " must be one DNS label such as eu-west-1 or aws, was '" + value + "'");
            }
            return label;
        }
    }

    /**
     * @param caCertificate where the development CA's certificate (never its key) is written, PEM, for clients to trust
     */
    public record Development(
            @DefaultValue("gatekeeper-development-ca.pem") Path caCertificate) {}

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

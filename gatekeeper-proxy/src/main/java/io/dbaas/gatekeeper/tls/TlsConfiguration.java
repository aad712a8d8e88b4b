package io.dbaas.gatekeeper.tls;

import io.dbaas.gatekeeper.routing.GateKeeperProperties;
import io.dbaas.gatekeeper.tls.TlsProperties.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import reactor.netty.http.HttpProtocol;

/**
 * Turns the public port into HTTPS with HTTP/2 when {@code gatekeeper.tls.enabled=true}, with a certificate per region
 * chosen by SNI. The management port is a separate server and stays as configured under {@code management.server.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gatekeeper.tls.enabled")
public class TlsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    RegionalCertificates regionalCertificates(TlsProperties tls, GateKeeperProperties gateKeeper, SslBundles bundles) {
        return certificates(tls, gateKeeper.domain(), bundles);
    }

    @Bean
    PublicPortTls publicPortTls(RegionalCertificates certificates) {
        return new PublicPortTls(certificates);
    }

    /**
     * Every certificate is loaded (and every development certificate issued) now, so that a missing bundle or an
     * unreadable file stops the start, naming the region, rather than failing handshakes later.
     */
    static RegionalCertificates certificates(TlsProperties tls, String domain, SslBundles bundles) {
        Map<String, Certificate> byRegion = regionCertificates(tls, domain, bundles);
        Certificate fallback = tls.bundle() == null ? firstOf(byRegion) : configured(tls.bundle(), bundles);
        RegionalCertificates certificates = new RegionalCertificates(fallback.bundle(), fallback.source());
        followRenewals(fallback, bundles, renewed -> certificates.serveFallback(renewed, fallback.source()));
        byRegion.forEach((subdomain, certificate) -> {
            certificates.serve(subdomain, certificate.bundle(), certificate.source());
            followRenewals(
                    certificate, bundles, renewed -> certificates.serve(subdomain, renewed, certificate.source()));
        });
        log.info(
                "The public port speaks HTTPS (HTTP/2 and HTTP/1.1); certificates by server name: {}",
                certificates.describe());
        return certificates;
    }

    /** By subdomain ({@code <region>.<provider>.<domain>}), in the order listed. */
    private static Map<String, Certificate> regionCertificates(TlsProperties tls, String domain, SslBundles bundles) {
        Map<String, SslBundle> development = developmentCertificates(tls, domain);
        Map<String, Certificate> byRegion = new LinkedHashMap<>();
        for (Region region : tls.regions()) {
            String subdomain = region.subdomain(domain);
            byRegion.put(
                    subdomain,
                    loaded(subdomain, () -> certificateOf(region, development.get("*." + subdomain), bundles)));
        }
        return byRegion;
    }

    /**
     * Served to names in no listed region when no bundle is configured for them: a client then fails host name
     * verification, naming the name it expected, rather than the handshake failing without a word.
     */
    private static Certificate firstOf(Map<String, Certificate> byRegion) {
        Map.Entry<String, Certificate> first = byRegion.entrySet().iterator().next();
        Certificate certificate = first.getValue();
        return new Certificate(
                certificate.bundle(),
                "that of *." + first.getKey() + " (" + certificate.source() + ")",
                certificate.bundleName());
    }

    private static Map<String, SslBundle> developmentCertificates(TlsProperties tls, String domain) {
        List<String> hosts = tls.regions().stream()
                .filter(Region::needsDevelopmentCertificate)
                .map(region -> "*." + region.subdomain(domain))
                .toList();
        return hosts.isEmpty()
                ? Map.of()
                : DevelopmentCertificates.issue(hosts, tls.development().caCertificate());
    }

    /** Loads the certificate and its key now, so that a file that cannot be used stops the start naming its region. */
    private static Certificate loaded(String subdomain, Supplier<Certificate> certificate) {
        try {
            Certificate loaded = certificate.get();
            loaded.bundle().getManagers().getKeyManagerFactory();
            return loaded;
        } catch (NoSuchSslBundleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "gatekeeper.tls.regions: the certificate for *." + subdomain + " cannot be used: " + e.getMessage(),
                    e);
        }
    }

    private static Certificate certificateOf(Region region, @Nullable SslBundle development, SslBundles bundles) {
        if (region.bundle() != null) {
            return configured(region.bundle(), bundles);
        }
        if (region.certificate() != null) {
            PemSslStoreDetails pem = new PemSslStoreDetails(null, region.certificate(), region.privateKey());
            return new Certificate(
                    SslBundle.of(new PemSslStoreBundle(pem, null)), "certificate " + region.certificate(), null);
        }
        return new Certificate(Objects.requireNonNull(development), "development CA", null);
    }

    /** Looked up now, so that a missing bundle stops the start naming it rather than failing when the server binds. */
    private static Certificate configured(String bundleName, SslBundles bundles) {
        return new Certificate(bundles.getBundle(bundleName), "bundle '" + bundleName + "'", bundleName);
    }

    /** Spring Boot calls back when a bundle with {@code reload-on-update} sees its files change (a renewal). */
    private static void followRenewals(Certificate certificate, SslBundles bundles, Consumer<SslBundle> serve) {
        String bundleName = certificate.bundleName();
        if (bundleName == null) {
            return;
        }
        bundles.addBundleUpdateHandler(bundleName, renewed -> {
            serve.accept(renewed);
            log.info("Serving the renewed certificate of bundle '{}'", bundleName);
        });
    }

    /** A region's certificate, where it comes from, and the bundle to follow for renewals (if any). */
    private record Certificate(
            SslBundle bundle, String source, @Nullable String bundleName) {}

    /**
     * Applied after Spring Boot's own customizer (which reads {@code server.ssl} and {@code server.http2}), so the
     * public port's TLS is decided by {@code gatekeeper.tls} alone: Spring Boot's SSL is switched off for this server and
     * the port secured with the regional certificates instead. HTTP/2 is offered through ALPN only over TLS: cleartext
     * connections never change protocol.
     */
    static final class PublicPortTls implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

        private final RegionalCertificates certificates;

        PublicPortTls(RegionalCertificates certificates) {
            this.certificates = certificates;
        }

        @Override
        public void customize(NettyReactiveWebServerFactory factory) {
            factory.setSsl(null);
            factory.addServerCustomizers(server -> server.secure(spec -> spec.sslContext(
                                    certificates.fallbackProvider().getSslContext())
                            .setSniAsyncMappings(certificates))
                    .protocol(HttpProtocol.H2, HttpProtocol.HTTP11));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

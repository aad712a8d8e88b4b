package io.dbaas.gatekeeper.tls;

import io.dbaas.gatekeeper.tls.DevelopmentCertificateAuthority.IssuedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Turns the public port into HTTPS with HTTP/2 when {@code gatekeeper.tls.enabled=true}. The management port is a
 * separate server and stays as configured under {@code management.server.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("gatekeeper.tls.enabled")
public class TlsConfiguration {

    /** The name under which the development certificate is registered among the application's SSL bundles. */
    static final String DEVELOPMENT_BUNDLE = "gatekeeper-development";

    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    PublicPortTls publicPortTls(TlsProperties tls, SslBundles bundles, SslBundleRegistry registry) {
        String configured = tls.bundle();
        if (configured != null) {
            // Fails the start now, naming the bundle, rather than when the server binds.
            bundles.getBundle(configured);
            log.info(
                    "The public port speaks HTTPS (HTTP/2 and HTTP/1.1) with the certificate of SSL bundle '{}'",
                    configured);
            return new PublicPortTls(configured);
        }
        registry.registerBundle(DEVELOPMENT_BUNDLE, developmentBundle(tls.development()));
        return new PublicPortTls(DEVELOPMENT_BUNDLE);
    }

    private static SslBundle developmentBundle(TlsProperties.Development development) {
        IssuedCertificate issued = DevelopmentCertificateAuthority.issue(development.hosts());
        Path caFile = development.caCertificate().toAbsolutePath();
        writeAtomically(caFile, DevelopmentCertificateAuthority.pem(issued.caCertificate()));
        log.warn("""

                ************************************************************************************************
                * DEVELOPMENT CERTIFICATE AUTHORITY: NOT FOR PRODUCTION.
                * No certificate is configured (gatekeeper.tls.bundle), so a certificate authority generated at
                * start-up signed the public port's certificate for {}.
                * Clients trust it with the CA certificate written to {}
                * (SHA-256 fingerprint {}). The CA's private key was discarded after signing.
                * A restart makes a new CA: trust the new file again.
                ************************************************************************************************""", development.hosts(), caFile, fingerprint(issued.caCertificate()));
        return SslBundle.of(keyStoreOf(issued));
    }

    /** In memory only, under a random password that lives as long as the bundle. */
    private static SslStoreBundle keyStoreOf(IssuedCertificate issued) {
        try {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getEncoder().encodeToString(random);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gatekeeper", issued.serverKey(), password.toCharArray(), new Certificate[] {
                issued.serverCertificate(), issued.caCertificate()
            });
            return SslStoreBundle.of(store, password, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not hold the development certificate in a key store", e);
        }
    }

    /**
     * Through a temporary file and a rename, so that a symbolic link planted at the path is replaced, never followed,
     * and a reader never sees half a certificate.
     */
    private static void writeAtomically(Path file, String content) {
        try {
            Path directory = Objects.requireNonNullElse(file.getParent(), Path.of("."));
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".gatekeeper-ca-", ".pem");
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write the development CA certificate to " + file
                            + " (set gatekeeper.tls.development.ca-certificate to a writable path)",
                    e);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applied after Spring Boot's own customizer (which reads {@code server.ssl} and {@code server.http2}), so the
     * public port's TLS is decided by {@code gatekeeper.tls} alone. HTTP/2 is offered through ALPN only over TLS:
     * cleartext connections never change protocol.
     */
    static final class PublicPortTls implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

        private final String bundle;

        PublicPortTls(String bundle) {
            this.bundle = bundle;
        }

        @Override
        public void customize(NettyReactiveWebServerFactory factory) {
            factory.setSsl(Ssl.forBundle(bundle));
            Http2 http2 = new Http2();
            http2.setEnabled(true);
            factory.setHttp2(http2);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

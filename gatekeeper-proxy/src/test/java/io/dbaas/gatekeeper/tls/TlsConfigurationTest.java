package io.dbaas.gatekeeper.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.gatekeeper.support.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

class TlsConfigurationTest {

    private static final List<String> HOSTS = List.of("*.local.minikube.dbaas.localhost");

    private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();

    @Test
    void withoutACertificateADevelopmentCaSignsOneWritesOnlyItsCertificateAndSaysSoLoudly(@TempDir Path directory)
            throws Exception {
        Path caFile = directory.resolve("ca/development-ca.pem");
        TlsProperties tls = new TlsProperties(true, null, new TlsProperties.Development(HOSTS, caFile));

        TlsConfiguration.PublicPortTls customizer;
        String logged;
        try (CapturedLogs logs = CapturedLogs.of(TlsConfiguration.class)) {
            customizer = new TlsConfiguration().publicPortTls(tls, bundles, bundles);
            logged = logs.text();
        }

        try (Stream<Path> written = Files.list(caFile.getParent())) {
            assertThat(written).containsExactly(caFile);
        }
        assertThat(Files.readString(caFile))
                .startsWith("-----BEGIN CERTIFICATE-----")
                .doesNotContain("PRIVATE");
        assertThat(logged)
                .startsWith("WARN")
                .contains(
                        "DEVELOPMENT CERTIFICATE AUTHORITY", "NOT FOR PRODUCTION", caFile.toString(), HOSTS.getFirst())
                .doesNotContain("PRIVATE KEY", "BEGIN");

        KeyStore served = bundles.getBundle(TlsConfiguration.DEVELOPMENT_BUNDLE)
                .getStores()
                .getKeyStore();
        List<String> aliases = Collections.list(served.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(dnsNames((X509Certificate) served.getCertificate(aliases.getFirst())))
                .containsExactlyElementsOf(HOSTS);
        assertThat(served.getCertificateChain(aliases.getFirst())).hasSize(2);

        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
        customizer.customize(factory);
        assertThat(factory.getSsl().getBundle()).isEqualTo(TlsConfiguration.DEVELOPMENT_BUNDLE);
        assertThat(factory.getHttp2().isEnabled()).isTrue();
    }

    @Test
    void aConfiguredBundleIsUsedAndNoDevelopmentCaIsMade(@TempDir Path directory) {
        Path caFile = directory.resolve("development-ca.pem");
        bundles.registerBundle("regions", SslBundle.of(SslStoreBundle.NONE));
        TlsProperties tls = new TlsProperties(true, "regions", new TlsProperties.Development(List.of(), caFile));

        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
        new TlsConfiguration().publicPortTls(tls, bundles, bundles).customize(factory);

        assertThat(factory.getSsl().getBundle()).isEqualTo("regions");
        assertThat(factory.getHttp2().isEnabled()).isTrue();
        assertThat(caFile).doesNotExist();
        assertThatThrownBy(() -> bundles.getBundle(TlsConfiguration.DEVELOPMENT_BUNDLE))
                .isInstanceOf(NoSuchSslBundleException.class);
    }

    @Test
    void anUnknownBundleStopsTheStartNamingIt(@TempDir Path directory) {
        TlsProperties tls = new TlsProperties(
                true, "missing", new TlsProperties.Development(List.of(), directory.resolve("ca.pem")));

        assertThatThrownBy(() -> new TlsConfiguration().publicPortTls(tls, bundles, bundles))
                .isInstanceOf(NoSuchSslBundleException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void tlsWithNeitherACertificateNorDevelopmentHostsIsRefusedWithAHint() {
        assertThatThrownBy(() ->
                        new TlsProperties(true, null, new TlsProperties.Development(List.of(), Path.of("ca.pem"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gatekeeper.tls.bundle")
                .hasMessageContaining("gatekeeper.tls.development.hosts");
    }

    @Test
    void developmentHostsMustBeDnsNamesWithAtMostALeadingWildcard() {
        assertThatThrownBy(() -> new TlsProperties.Development(List.of("*.*.dbaas.localhost"), Path.of("ca.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("*.*.dbaas.localhost");
        assertThat(new TlsProperties.Development(List.of(" *.EU-West-1.aws.dbaas.localhost "), Path.of("ca.pem"))
                        .hosts())
                .containsExactly("*.eu-west-1.aws.dbaas.localhost");
    }

    @Test
    void offByDefaultNeedsNothing() {
        TlsProperties tls = new TlsProperties(false, null, new TlsProperties.Development(List.of(), Path.of("ca.pem")));

        assertThat(tls.enabled()).isFalse();
    }

    /** The certificate's DNS subject alternative names, in order. */
    static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames().stream()
                .map(name -> (String) name.get(1))
                .toList();
    }
}

package io.dbaas.gatekeeper.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.gatekeeper.support.CapturedLogs;
import io.dbaas.gatekeeper.support.TestCertificates;
import io.dbaas.gatekeeper.support.TestCertificates.ServerPem;
import io.dbaas.gatekeeper.tls.TlsProperties.Development;
import io.dbaas.gatekeeper.tls.TlsProperties.Region;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.web.server.Ssl;

class TlsConfigurationTest {

    private static final String DOMAIN = "dbaas.localhost";
    private static final String IN_AWS = "0b6f2c1e-6f7e-4c3e-9d1a-5f0e2a7b9c11.eu-west-1.aws." + DOMAIN;
    private static final String IN_GCP = "4a0d7c2e-1b2f-4e5a-8c9d-0e1f2a3b4c5d.us-east-1.gcp." + DOMAIN;

    private final DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();

    @TempDir
    Path directory;

    @Test
    void regionsWithoutACertificateGetOneEachFromOneDevelopmentCaThatSaysSoOnceAndWritesOnlyItsCertificate()
            throws Exception {
        Path caFile = directory.resolve("ca/development-ca.pem");
        TlsProperties tls = tls(null, caFile, region("eu-west-1", "aws"), region("us-east-1", "gcp"));

        RegionalCertificates certificates;
        String logged;
        try (CapturedLogs logs = CapturedLogs.of(DevelopmentCertificates.class, TlsConfiguration.class)) {
            certificates = TlsConfiguration.certificates(tls, DOMAIN, bundles);
            logged = logs.text();
        }

        assertThat(servedNames(certificates, IN_AWS)).containsExactly("*.eu-west-1.aws." + DOMAIN);
        assertThat(servedNames(certificates, IN_GCP)).containsExactly("*.us-east-1.gcp." + DOMAIN);
        assertThat(issuer(certificates, IN_AWS)).isEqualTo(issuer(certificates, IN_GCP));
        try (Stream<Path> written = Files.list(caFile.getParent())) {
            assertThat(written).containsExactly(caFile);
        }
        assertThat(Files.readString(caFile))
                .startsWith("-----BEGIN CERTIFICATE-----")
                .doesNotContain("PRIVATE");
        assertThat(logged.lines().filter(line -> line.startsWith("WARN"))).hasSize(1);
        assertThat(logged)
                .contains(
                        "DEVELOPMENT CERTIFICATES",
                        "NOT FOR PRODUCTION",
                        caFile.toString(),
                        "*.eu-west-1.aws." + DOMAIN,
                        "*.us-east-1.gcp." + DOMAIN)
                .doesNotContain("PRIVATE KEY", "BEGIN");
    }

    @Test
    void eachRegionIsServedItsOwnBundleOrPemFilesAndNoDevelopmentCaIsMade() throws Exception {
        Path caFile = directory.resolve("development-ca.pem");
        bundles.registerBundle("aws-eu-west-1", developmentBundle("*.eu-west-1.aws." + DOMAIN));
        ServerPem gcp = TestCertificates.authority().serverPem("*.us-east-1.gcp." + DOMAIN);
        Path certificate = Files.writeString(directory.resolve("gcp.crt"), gcp.certificateChain());
        Path key = Files.writeString(directory.resolve("gcp.key"), gcp.privateKey());
        TlsProperties tls = tls(
                null,
                caFile,
                new Region("eu-west-1", "aws", "aws-eu-west-1", null, null),
                new Region("us-east-1", "gcp", null, "file:" + certificate, "file:" + key));

        RegionalCertificates certificates = TlsConfiguration.certificates(tls, DOMAIN, bundles);

        assertThat(certificates.bundleFor(IN_AWS)).isSameAs(bundles.getBundle("aws-eu-west-1"));
        assertThat(certificates.sourceFor(IN_AWS)).isEqualTo("bundle 'aws-eu-west-1'");
        assertThat(servedNames(certificates, IN_GCP)).containsExactly("*.us-east-1.gcp." + DOMAIN);
        assertThat(certificates.sourceFor(IN_GCP)).isEqualTo("certificate file:" + certificate);
        assertThat(caFile).doesNotExist();
    }

    @Test
    void namesInNoListedRegionAndHandshakesWithoutANameGetTheFirstRegionsCertificateUnlessABundleIsConfigured() {
        TlsProperties firstRegion =
                tls(null, directory.resolve("a.pem"), region("eu-west-1", "aws"), region("us-east-1", "gcp"));
        bundles.registerBundle("public", developmentBundle("*.other." + DOMAIN));
        TlsProperties configured =
                tls("public", directory.resolve("b.pem"), region("eu-west-1", "aws"), region("us-east-1", "gcp"));

        RegionalCertificates byFirstRegion = TlsConfiguration.certificates(firstRegion, DOMAIN, bundles);
        RegionalCertificates byBundle = TlsConfiguration.certificates(configured, DOMAIN, bundles);

        for (String unknown : List.of(
                "x.ap-south-1.aws." + DOMAIN, "eu-west-1.aws." + DOMAIN, "a.b.eu-west-1.aws." + DOMAIN, "localhost")) {
            assertThat(byFirstRegion.bundleFor(unknown)).as(unknown).isSameAs(byFirstRegion.bundleFor(IN_AWS));
            assertThat(byBundle.bundleFor(unknown)).as(unknown).isSameAs(bundles.getBundle("public"));
        }
        assertThat(byFirstRegion.bundleFor(null)).isSameAs(byFirstRegion.bundleFor(IN_AWS));
        assertThat(byBundle.bundleFor(null)).isSameAs(bundles.getBundle("public"));
        assertThat(byBundle.bundleFor(IN_GCP)).isNotSameAs(bundles.getBundle("public"));
        assertThat(byBundle.describe())
                .isEqualTo("*.eu-west-1.aws.dbaas.localhost: development CA; *.us-east-1.gcp.dbaas.localhost: "
                        + "development CA; any other name: bundle 'public'");
    }

    @Test
    void serverNamesAreMatchedRegardlessOfCaseAndOfATrailingDot() {
        TlsProperties tls =
                tls(null, directory.resolve("ca.pem"), region("eu-west-1", "aws"), region("us-east-1", "gcp"));

        RegionalCertificates certificates = TlsConfiguration.certificates(tls, DOMAIN, bundles);

        assertThat(certificates.bundleFor(IN_GCP.toUpperCase() + "."))
                .isSameAs(certificates.bundleFor(IN_GCP))
                .isNotSameAs(certificates.bundleFor(IN_AWS));
        assertThat(RegionalCertificates.subdomainOf("X.Eu-West-1.AWS.dbaas.localhost."))
                .isEqualTo("eu-west-1.aws.dbaas.localhost");
        assertThat(RegionalCertificates.subdomainOf("localhost")).isNull();
        assertThat(RegionalCertificates.subdomainOf(".localhost")).isNull();
        assertThat(RegionalCertificates.subdomainOf("localhost.")).isNull();
    }

    @Test
    void onlyABundleServesEveryNameAsBefore() {
        bundles.registerBundle("public", developmentBundle("*.eu-west-1.aws." + DOMAIN));
        TlsProperties tls = tls("public", directory.resolve("ca.pem"));

        RegionalCertificates certificates = TlsConfiguration.certificates(tls, DOMAIN, bundles);

        assertThat(certificates.bundleFor(IN_AWS)).isSameAs(bundles.getBundle("public"));
        assertThat(certificates.bundleFor(IN_GCP)).isSameAs(bundles.getBundle("public"));
        assertThat(directory.resolve("ca.pem")).doesNotExist();
    }

    @Test
    void aRenewedBundleIsServedFromTheNextHandshakeOn() {
        bundles.registerBundle("aws-eu-west-1", developmentBundle("*.eu-west-1.aws." + DOMAIN));
        bundles.registerBundle("public", developmentBundle("*.other." + DOMAIN));
        TlsProperties tls =
                tls("public", directory.resolve("ca.pem"), new Region("eu-west-1", "aws", "aws-eu-west-1", null, null));
        RegionalCertificates certificates = TlsConfiguration.certificates(tls, DOMAIN, bundles);
        SslBundle renewedRegion = developmentBundle("*.eu-west-1.aws." + DOMAIN);
        SslBundle renewedFallback = developmentBundle("*.other." + DOMAIN);

        bundles.updateBundle("aws-eu-west-1", renewedRegion);
        bundles.updateBundle("public", renewedFallback);

        assertThat(certificates.bundleFor(IN_AWS)).isSameAs(renewedRegion);
        assertThat(certificates.bundleFor(IN_GCP)).isSameAs(renewedFallback);
    }

    @Test
    void whenTheFirstRegionsBundleIsRenewedNamesInNoListedRegionAreServedTheRenewedOneToo() {
        bundles.registerBundle("aws-eu-west-1", developmentBundle("*.eu-west-1.aws." + DOMAIN));
        TlsProperties tls = tls(
                null,
                directory.resolve("ca.pem"),
                new Region("eu-west-1", "aws", "aws-eu-west-1", null, null),
                region("us-east-1", "gcp"));
        RegionalCertificates certificates = TlsConfiguration.certificates(tls, DOMAIN, bundles);
        SslBundle renewed = developmentBundle("*.eu-west-1.aws." + DOMAIN);

        bundles.updateBundle("aws-eu-west-1", renewed);

        assertThat(certificates.bundleFor(IN_AWS)).isSameAs(renewed);
        assertThat(certificates.bundleFor("x.ap-south-1.aws." + DOMAIN)).isSameAs(renewed);
        assertThat(certificates.bundleFor(IN_GCP)).isNotSameAs(renewed);
        assertThat(certificates.describe())
                .endsWith("any other name: that of *.eu-west-1.aws.dbaas.localhost (bundle 'aws-eu-west-1')");
    }

    @Test
    void anUnknownBundleStopsTheStartNamingIt() {
        TlsProperties regional =
                tls(null, directory.resolve("ca.pem"), new Region("eu-west-1", "aws", "missing", null, null));
        TlsProperties fallback = tls("missing-too", directory.resolve("ca.pem"), region("eu-west-1", "aws"));

        assertThatThrownBy(() -> TlsConfiguration.certificates(regional, DOMAIN, bundles))
                .isInstanceOf(NoSuchSslBundleException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> TlsConfiguration.certificates(fallback, DOMAIN, bundles))
                .isInstanceOf(NoSuchSslBundleException.class)
                .hasMessageContaining("missing-too");
    }

    @Test
    void pemFilesThatCannotBeReadStopTheStartNamingTheRegion() throws Exception {
        Path notACertificate = Files.writeString(directory.resolve("tls.crt"), "not a certificate");
        TlsProperties missing = tls(
                null,
                directory.resolve("ca.pem"),
                new Region("eu-west-1", "aws", null, "file:" + directory.resolve("absent.crt"), "file:/absent.key"));
        TlsProperties garbled = tls(
                null,
                directory.resolve("ca.pem"),
                new Region("eu-west-1", "aws", null, "file:" + notACertificate, "file:" + notACertificate));

        for (TlsProperties tls : List.of(missing, garbled)) {
            assertThatThrownBy(() -> TlsConfiguration.certificates(tls, DOMAIN, bundles))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("*.eu-west-1.aws." + DOMAIN);
        }
    }

    @Test
    void thePublicPortIsSecuredByTheRegionalCertificatesInsteadOfSpringBootsSsl() {
        TlsProperties tls = tls(null, directory.resolve("ca.pem"), region("eu-west-1", "aws"));
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
        factory.setSsl(Ssl.forBundle("from-server-ssl"));

        new TlsConfiguration()
                .publicPortTls(TlsConfiguration.certificates(tls, DOMAIN, bundles))
                .customize(factory);

        assertThat(factory.getSsl()).isNull();
        assertThat(factory.getServerCustomizers()).hasSize(1);
    }

    @Test
    void tlsWithNeitherRegionsNorABundleIsRefusedWithAHint() {
        assertThatThrownBy(() -> tls(null, Path.of("ca.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gatekeeper.tls.regions")
                .hasMessageContaining("gatekeeper.tls.bundle");
    }

    @Test
    void aRegionIsOneDnsLabelOfRegionAndOneOfProviderListedOnce() {
        assertThat(new Region(" EU-West-1 ", "AWS", null, null, null).subdomain(DOMAIN))
                .isEqualTo("eu-west-1.aws." + DOMAIN);
        for (String bad : List.of("eu.west", "*", "", "-eu", "eu_west")) {
            assertThatThrownBy(() -> new Region(bad, "aws", null, null, null))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("region");
        }
        assertThatThrownBy(() -> new Region("eu-west-1", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider");
        assertThatThrownBy(() -> tls(null, Path.of("ca.pem"), region("eu-west-1", "aws"), region("EU-WEST-1", "aws")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void aRegionHasEitherABundleOrACertificateWithItsKey() {
        assertThatThrownBy(() -> new Region("eu-west-1", "aws", null, "file:tls.crt", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate and private-key go together");
        assertThatThrownBy(() -> new Region("eu-west-1", "aws", null, null, "file:tls.key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate and private-key go together");
        assertThatThrownBy(() -> new Region("eu-west-1", "aws", "public", "file:tls.crt", "file:tls.key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
        assertThat(new Region("eu-west-1", "aws", " ", "", null).needsDevelopmentCertificate())
                .isTrue();
    }

    @Test
    void offByDefaultNeedsNothing() {
        TlsProperties tls = new TlsProperties(false, null, List.of(), new Development(Path.of("ca.pem")));

        assertThat(tls.enabled()).isFalse();
    }

    private static TlsProperties tls(@Nullable String bundle, Path caFile, Region... regions) {
        return new TlsProperties(true, bundle, List.of(regions), new Development(caFile));
    }

    private static Region region(String region, String provider) {
        return new Region(region, provider, null, null, null);
    }

    private SslBundle developmentBundle(String host) {
        return DevelopmentCertificates.issue(List.of(host), directory.resolve("unused-ca.pem"))
                .get(host);
    }

    private static List<String> servedNames(RegionalCertificates certificates, String serverName) throws Exception {
        return dnsNames(served(certificates, serverName));
    }

    private static Object issuer(RegionalCertificates certificates, String serverName) throws Exception {
        return served(certificates, serverName).getIssuerX500Principal();
    }

    private static X509Certificate served(RegionalCertificates certificates, String serverName) throws Exception {
        KeyStore store = certificates.bundleFor(serverName).getStores().getKeyStore();
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases).hasSize(1);
        return (X509Certificate) store.getCertificate(aliases.getFirst());
    }

    /** The certificate's DNS subject alternative names, in order. */
    static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames().stream()
                .map(name -> (String) name.get(1))
                .toList();
    }
}

package io.dbaas.gatekeeper.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.gatekeeper.tls.DevelopmentCertificateAuthority.IssuedCertificates;
import io.dbaas.gatekeeper.tls.DevelopmentCertificateAuthority.ServerCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevelopmentCertificateAuthorityTest {

    private static final List<String> HOSTS =
            List.of("*.local.minikube.dbaas.localhost", "*.eu-west-1.aws.dbaas.localhost");

    @Test
    void signsOneServerCertificatePerNameEachValidatingAgainstTheOneCa() throws Exception {
        IssuedCertificates issued = DevelopmentCertificateAuthority.issue(HOSTS);

        assertThat(issued.servers()).containsOnlyKeys(HOSTS);
        for (String host : HOSTS) {
            X509Certificate server = issued.servers().get(host).certificate();
            assertThat(dnsNames(server)).containsExactly(host);
            assertThat(server.getSubjectX500Principal().getName()).contains("CN=" + host);
            assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
            assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            server.verify(issued.caCertificate().getPublicKey());

            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(issued.caCertificate(), null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);
        }
        assertThat(issued.servers().get(HOSTS.get(0)).key())
                .as("every region has its own key")
                .isNotEqualTo(issued.servers().get(HOSTS.get(1)).key());
    }

    @Test
    void theCaMaySignServerCertificatesOnlyAndSaysItIsForDevelopment() {
        X509Certificate ca = DevelopmentCertificateAuthority.issue(HOSTS).caCertificate();

        assertThat(ca.getBasicConstraints()).as("a CA with no CA below it").isZero();
        assertThat(ca.getSubjectX500Principal().getName()).contains("NOT FOR PRODUCTION");
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(Duration.between(
                        ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                .isEqualTo(DevelopmentCertificateAuthority.VALIDITY);
        assertThat(ca.getNotBefore().toInstant()).isBefore(Instant.now());
    }

    @Test
    void everyIssueIsANewAuthority() {
        X509Certificate first = DevelopmentCertificateAuthority.issue(HOSTS).caCertificate();
        X509Certificate second = DevelopmentCertificateAuthority.issue(HOSTS).caCertificate();

        assertThat(first.getPublicKey()).isNotEqualTo(second.getPublicKey());
        assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
    }

    @Test
    void theCaKeyIsNotPartOfWhatIsHandedOut() {
        // The records' components are the whole of what leaves issue(): certificates and the servers' keys.
        assertThat(IssuedCertificates.class.getRecordComponents())
                .extracting(component -> component.getName())
                .containsExactly("caCertificate", "servers");
        assertThat(ServerCertificate.class.getRecordComponents())
                .extracting(component -> component.getName())
                .containsExactly("certificate", "key");
        assertThat(DevelopmentCertificateAuthority.issue(HOSTS)
                        .servers()
                        .get(HOSTS.getFirst())
                        .toString())
                .doesNotContain("PRIVATE", "key=");
    }

    @Test
    void pemHoldsTheCertificateAlone() throws Exception {
        IssuedCertificates issued = DevelopmentCertificateAuthority.issue(HOSTS);

        String pem = DevelopmentCertificateAuthority.pem(issued.caCertificate());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        assertThat(CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(issued.caCertificate());
    }

    @Test
    void refusesToIssueForNoName() {
        assertThatThrownBy(() -> DevelopmentCertificateAuthority.issue(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The certificate's DNS subject alternative names, in order. */
    static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames().stream()
                .map(name -> (String) name.get(1))
                .toList();
    }
}

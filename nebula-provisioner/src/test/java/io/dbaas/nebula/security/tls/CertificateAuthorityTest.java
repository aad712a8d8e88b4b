package io.dbaas.nebula.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final CertificateAuthority AUTHORITY = CertificateAuthority.generate("test-ca", NOW);
    private static final SubjectAlternativeNames NAMES = new SubjectAlternativeNames(
            List.of("*.es-headless.ns.svc", "es.ns.svc.cluster.local", "localhost"), List.of("127.0.0.1"));
    private static final IssuedCertificate NODE = AUTHORITY.issue("es.ns", NAMES, NOW);

    @Test
    void theCaIsASelfSignedCertificateAuthorityThatMaySignOnlyCertificates() throws GeneralSecurityException {
        X509Certificate ca = AUTHORITY.certificate();

        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(keyUsage(ca)).containsExactly("keyCertSign", "cRLSign");
        assertThat(ca.getSubjectX500Principal().getName()).contains("CN=test-ca");
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(CertificateAuthority.CA_VALIDITY));
    }

    @Test
    void theNodeCertificateChainsToTheCa() throws GeneralSecurityException {
        X509Certificate node = NODE.certificate();

        node.verify(AUTHORITY.publicKey());
        assertThat(node.getIssuerX500Principal())
                .isEqualTo(AUTHORITY.certificate().getSubjectX500Principal());
        node.checkValidity(Date.from(NOW));
        assertThat(node.getNotAfter().toInstant()).isEqualTo(NOW.plus(CertificateAuthority.NODE_VALIDITY));
    }

    @Test
    void aCertificateOfAnotherCaDoesNotVerify() {
        CertificateAuthority other = CertificateAuthority.generate("other-ca", NOW);

        assertThatThrownBy(() -> NODE.certificate().verify(other.publicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void theNodeCertificateCarriesTheRequestedNamesAndAddresses() throws CertificateParsingException {
        Collection<List<?>> names = NODE.certificate().getSubjectAlternativeNames();

        assertThat(names)
                .containsExactlyInAnyOrder(
                        List.of(2, "*.es-headless.ns.svc"),
                        List.of(2, "es.ns.svc.cluster.local"),
                        List.of(2, "localhost"),
                        List.of(7, "127.0.0.1"));
    }

    @Test
    void theNodeCertificateServesAndAuthenticatesButSignsNoCertificate() throws CertificateParsingException {
        X509Certificate node = NODE.certificate();

        assertThat(node.getBasicConstraints()).isEqualTo(-1);
        assertThat(keyUsage(node)).containsExactly("digitalSignature");
        assertThat(node.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void certificatesAndKeysSurviveAPemRoundTrip() throws GeneralSecurityException {
        CertificateAuthority reread =
                CertificateAuthority.fromPem(AUTHORITY.certificatePem(), AUTHORITY.privateKeyPem());

        assertThat(AUTHORITY.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(AUTHORITY.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(reread.certificate()).isEqualTo(AUTHORITY.certificate());
        assertThat(reread.privateKey()).isEqualTo(AUTHORITY.privateKey());
        // The CA read back from its Secret still signs certificates that chain to it.
        reread.issue("again", NAMES, NOW).certificate().verify(AUTHORITY.publicKey());
    }

    @Test
    void newKeysAreEcdsaOnP256AndTheirPemCarriesThePublicKeyAsRustlsRequires() throws Exception {
        for (var certificate : List.of(AUTHORITY.certificate(), NODE.certificate())) {
            assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
            assertThat(((ECPublicKey) certificate.getPublicKey())
                            .getParams()
                            .getCurve()
                            .getField()
                            .getFieldSize())
                    .isEqualTo(256);
            assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        }
        assertThat(KeyPairs.carriesItsPublicKey(AUTHORITY.privateKeyPem())).isTrue();
        // A node's key as Nebula writes it: issued by the CA read back from its Secret.
        IssuedCertificate node = CertificateAuthority.fromPem(AUTHORITY.certificatePem(), AUTHORITY.privateKeyPem())
                .issue("es.ns", NAMES, NOW);
        assertThat(KeyPairs.carriesItsPublicKey(node.privateKeyPem())).isTrue();
        assertThat(KeyPairs.belongTogether(NODE.privateKey(), NODE.certificate().getPublicKey()))
                .isTrue();
    }

    @Test
    void aCaMadeBeforeWithAnRsaKeyGoesOnIssuingCertificatesThatChainToIt() throws Exception {
        CertificateAuthority rsa = RsaAuthority.generate("rsa-ca", NOW);
        CertificateAuthority reread = CertificateAuthority.fromPem(rsa.certificatePem(), rsa.privateKeyPem());

        X509Certificate node = reread.issue("es.ns", NAMES, NOW).certificate();

        node.verify(rsa.publicKey());
        assertThat(node.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(node.getPublicKey()).isInstanceOf(ECPublicKey.class);
    }

    @Test
    void everyCertificateStartsAnHourEarlyForClockSkew() {
        assertThat(NODE.certificate().getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    private static List<String> keyUsage(X509Certificate certificate) {
        String[] names = {
            "digitalSignature",
            "nonRepudiation",
            "keyEncipherment",
            "dataEncipherment",
            "keyAgreement",
            "keyCertSign",
            "cRLSign",
            "encipherOnly",
            "decipherOnly"
        };
        boolean[] usage = certificate.getKeyUsage();
        List<String> granted = new ArrayList<>();
        for (int i = 0; i < usage.length && i < names.length; i++) {
            if (usage[i]) {
                granted.add(names[i]);
            }
        }
        return granted;
    }
}

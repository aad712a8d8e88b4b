package io.dbaas.gatekeeper.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that lives for one method call: it signs one server certificate per given name and is gone.
 * Its private key is a local variable, never stored, written or logged, so nothing can sign another certificate with
 * it; clients that trust its certificate trust exactly the server certificates issued in that call. Every start makes
 * a new authority, so clients must trust the newly written certificate after each restart.
 *
 * <p>For development only: a production certificate comes from a real authority.
 */
final class DevelopmentCertificateAuthority {

    static final String CA_NAME = "CN=GateKeeper development CA (NOT FOR PRODUCTION),O=dbaas";

    /** Long enough for a development session, short enough that a forgotten trust expires on its own. */
    static final Duration VALIDITY = Duration.ofDays(30);

    /** Clock skew between the machine and its clients. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevelopmentCertificateAuthority() {}

    /** One server certificate for each of {@code hosts} (its only name), all signed by one new CA. */
    static IssuedCertificates issue(List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a development certificate needs at least one host name");
        }
        try {
            Instant notBefore = Instant.now().minus(BACKDATE);
            Instant notAfter = notBefore.plus(VALIDITY);
            KeyPair ca = newKeyPair();
            X509Certificate caCertificate = caCertificate(ca, notBefore, notAfter);
            Map<String, ServerCertificate> servers = new LinkedHashMap<>();
            for (String host : hosts) {
                KeyPair server = newKeyPair();
                X509Certificate certificate = serverCertificate(
                        host, server.getPublic(), caCertificate, ca.getPrivate(), notBefore, notAfter);
                servers.put(host, new ServerCertificate(certificate, server.getPrivate()));
            }
            return new IssuedCertificates(caCertificate, Collections.unmodifiableMap(servers));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("could not create the development certificate authority", e);
        }
    }

    private static X509Certificate caCertificate(KeyPair ca, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X500Name name = new X500Name(CA_NAME);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        name, serialNumber(), Date.from(notBefore), Date.from(notAfter), name, ca.getPublic())
                // May sign end-entity certificates only, never another CA.
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(ca.getPublic()));
        return sign(builder, ca.getPrivate());
    }

    private static X509Certificate serverCertificate(
            String host,
            PublicKey serverKey,
            X509Certificate caCertificate,
            PrivateKey caKey,
            Instant notBefore,
            Instant notAfter)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        caCertificate,
                        serialNumber(),
                        Date.from(notBefore),
                        Date.from(notAfter),
                        new X500Name("CN=" + host + ",O=dbaas"),
                        serverKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                // Clients match host names against these, never against the common name.
                .addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(serverKey))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        extensions.createAuthorityKeyIdentifier(caCertificate));
        return sign(builder, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, CertificateException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** Positive, 159 bits of randomness, as the CA/Browser Forum asks of public authorities. */
    private static BigInteger serialNumber() {
        return new BigInteger(159, RANDOM).add(BigInteger.ONE);
    }

    /** A certificate as PEM text. Only certificates go through here: no private key is ever written. */
    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * What {@link #issue} hands out: the CA's certificate and each server's certificate and key by host name, never the
     * CA's key.
     */
    record IssuedCertificates(X509Certificate caCertificate, Map<String, ServerCertificate> servers) {}

    /** A server certificate and its private key. */
    record ServerCertificate(X509Certificate certificate, PrivateKey key) {

        @Override
        public String toString() {
            return "ServerCertificate[" + certificate.getSubjectX500Principal() + "]";
        }
    }
}

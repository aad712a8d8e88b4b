package io.dbaas.nebula.security.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One cluster's own certificate authority: it signs the certificates of that cluster's nodes and nothing else, so
 * that trusting it admits exactly that cluster's nodes to the transport layer.
 *
 * <p>New keys are ECDSA on P-256, signed with SHA-256. A CA is made for every claim and a node certificate for
 * every claim and every change of the cluster's addresses, on Nebula's command thread: an RSA 2048 key took 50–80 ms
 * to generate with the JIT warm and over 500 ms without it, twice per claim, and claims wait for each other's keys
 * there; a P-256 key takes well under a millisecond (docs/benchmarks/provisioning.md). Every TLS stack of the product
 * reads them: Elasticsearch, Qdrant (rustls, which needs the public key inside the PKCS#8 document: Bouncy Castle's
 * keys carry it, the JDK's do not) and GateKeeper. A CA made before with an RSA key goes on signing with
 * SHA-256 and RSA. Validity is long because nothing rotates these certificates yet (see
 * the Elasticsearch operations page): the CA for {@link #CA_VALIDITY}, node certificates for
 * {@link #NODE_VALIDITY}; both start one hour in the past to tolerate clock skew between Nebula and the nodes.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {

    public static final Duration CA_VALIDITY = Duration.ofDays(10 * 365);
    public static final Duration NODE_VALIDITY = Duration.ofDays(3 * 365);

    /** How long before it expires a node certificate is replaced: the last third of its validity. */
    public static final Duration NODE_RENEWAL = NODE_VALIDITY.dividedBy(3);

    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new self-signed CA named {@code commonName}. */
    public static CertificateAuthority generate(String commonName, Instant now) {
        KeyPair keys = newKeyPair();
        X500Name name = name(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serialNumber(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(now.plus(CA_VALIDITY)),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create a certificate authority", e);
        }
    }

    /** The CA kept in a Secret, read back from its PEM entries. */
    public static CertificateAuthority fromPem(String certificatePem, String privateKeyPem) {
        return new CertificateAuthority(Pem.certificate(certificatePem), Pem.privateKey(privateKeyPem));
    }

    /**
     * A certificate for the nodes of the cluster, for both ends of a TLS connection: nodes present it to each other
     * on the transport port (mutual TLS) and to clients on the HTTP port.
     */
    public IssuedCertificate issue(String commonName, SubjectAlternativeNames names, Instant now) {
        KeyPair keys = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            certificate,
                            serialNumber(),
                            Date.from(now.minus(CLOCK_SKEW)),
                            Date.from(now.plus(NODE_VALIDITY)),
                            name(commonName),
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            // An ECDSA key signs the handshake; it encrypts no key, so keyEncipherment is not asked
                            // for.
                            new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }))
                    .addExtension(Extension.subjectAlternativeName, false, generalNames(names))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new IssuedCertificate(sign(builder, privateKey), keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    public String certificatePem() {
        return Pem.of(certificate);
    }

    public String privateKeyPem() {
        return Pem.of(privateKey);
    }

    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    private static GeneralNames generalNames(SubjectAlternativeNames names) {
        List<GeneralName> generalNames = new ArrayList<>();
        names.dnsNames().forEach(dns -> generalNames.add(new GeneralName(GeneralName.dNSName, dns)));
        names.ipAddresses().forEach(ip -> generalNames.add(new GeneralName(GeneralName.iPAddress, ip)));
        return new GeneralNames(generalNames.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.OU, "dbaas")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** Random and positive, as RFC 5280 asks (at most 20 octets). */
    private static BigInteger serialNumber() {
        return new BigInteger(127, RANDOM);
    }

    /** P-256 from Bouncy Castle, whose private keys encode their public key too (see the class comment). */
    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Pem.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA on P-256 is not available", e);
        }
    }

    /** SHA-256 with the signer's own algorithm: ECDSA for the CAs made now, RSA for those made before. */
    private static String signatureAlgorithm(PrivateKey signer) {
        return switch (signer.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalStateException("a CA key of algorithm " + signer.getAlgorithm());
        };
    }
}

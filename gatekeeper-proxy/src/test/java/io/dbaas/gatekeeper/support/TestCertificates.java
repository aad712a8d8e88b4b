package io.dbaas.gatekeeper.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities for tests, such as the one Nebula creates for an Elasticsearch cluster: each signs server
 * certificates for an IP address or a DNS name, and announces its own certificate as PEM.
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {}

    public static Authority authority() {
        try {
            KeyPair keys = keyPair();
            X500Name name = new X500Name("CN=test cluster CA " + RANDOM.nextInt(1_000_000) + ",O=dbaas tests");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            name,
                            serial(),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(1))),
                            name,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
            return new Authority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA: its certificate, and its key, which signs server certificates. */
    public record Authority(X509Certificate certificate, PrivateKey key) {

        public String pem() {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString();
        }

        /** A server's TLS context with a certificate for {@code host}: an IP address (as an IP SAN) or a DNS name. */
        public SSLContext serverContext(String host) {
            try {
                Issued server = issue(host);
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = "test".toCharArray();
                store.setKeyEntry(
                        "server", server.key(), password, new Certificate[] {server.certificate(), certificate});
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(store, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(), null, RANDOM);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server certificate for {@code host} as PEM files would hold it: the chain (leaf, then this CA), the key. */
        public ServerPem serverPem(String host) {
            Issued server = issue(host);
            StringWriter chain = new StringWriter();
            StringWriter key = new StringWriter();
            try (JcaPEMWriter chainWriter = new JcaPEMWriter(chain);
                    JcaPEMWriter keyWriter = new JcaPEMWriter(key)) {
                chainWriter.writeObject(server.certificate());
                chainWriter.writeObject(certificate);
                keyWriter.writeObject(new JcaPKCS8Generator(server.key(), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ServerPem(chain.toString(), key.toString());
        }

        private Issued issue(String host) {
            try {
                KeyPair keys = keyPair();
                Instant now = Instant.now();
                GeneralName name = isIpAddress(host)
                        ? new GeneralName(GeneralName.iPAddress, host)
                        : new GeneralName(GeneralName.dNSName, host);
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                                certificate,
                                serial(),
                                Date.from(now.minus(Duration.ofHours(1))),
                                Date.from(now.plus(Duration.ofDays(1))),
                                new X500Name("CN=" + host),
                                keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
                return new Issued(sign(builder, key), keys.getPrivate());
            } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Authority[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    /** A server certificate chain and its PKCS#8 private key, PEM. */
    public record ServerPem(String certificateChain, String privateKey) {

        @Override
        public String toString() {
            return "ServerPem[certificateChain=" + certificateChain.length() + " characters]";
        }
    }

    private record Issued(X509Certificate certificate, PrivateKey key) {}

    private static boolean isIpAddress(String host) {
        return host.chars().allMatch(c -> Character.isDigit(c) || c == '.') && InetAddressCheck.parses(host);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws org.bouncycastle.operator.OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static final class InetAddressCheck {
        static boolean parses(String host) {
            try {
                return InetAddress.getByName(host).getHostAddress().equals(host);
            } catch (IOException e) {
                return false;
            }
        }
    }
}

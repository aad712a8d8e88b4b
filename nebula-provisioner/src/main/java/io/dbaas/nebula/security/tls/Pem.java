package io.dbaas.nebula.security.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Certificates and private keys as PEM text, the form Elasticsearch and curl read. */
public final class Pem {

    /**
     * Bouncy Castle, for new EC keys: their PKCS#8 document carries the public key, which rustls requires of an ECDSA
     * key (the JDK's leave it out). Keys read back from a Secret are the JDK's, which sign as well; none of them is
     * written out again (a node's key is always a new one).
     */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Pem() {}

    public static String of(X509Certificate certificate) {
        return write(certificate);
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted: the Secret that holds it is the protection. */
    public static String of(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static X509Certificate certificate(String pem) {
        Object object = read(pem);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("not a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate", e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        Object object = read(pem);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new IllegalArgumentException("not a PEM PKCS#8 private key");
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable private key", e);
        }
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Object read(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("no PEM object");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable PEM", e);
        }
    }
}

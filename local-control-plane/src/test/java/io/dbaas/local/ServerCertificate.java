package io.dbaas.local;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** A server's certificate and key, as a node reads them from the files of its certificates Secret. */
record ServerCertificate(X509Certificate certificate, PrivateKey key) {

    private static final int IP_ADDRESS = 7;

    /** The {@code tls.crt} and {@code tls.key} (PKCS#8 PEM) entries of {@code secret}. */
    static ServerCertificate from(Secret secret) {
        X509Certificate certificate = certificate(entry(secret, "tls.crt"));
        try {
            byte[] der = Base64.getMimeDecoder()
                    .decode(entry(secret, "tls.key")
                            .replace("-----BEGIN PRIVATE KEY-----", "")
                            .replace("-----END PRIVATE KEY-----", ""));
            PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            return new ServerCertificate(certificate, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "unreadable key in Secret " + secret.getMetadata().getName(), e);
        }
    }

    /** Whether the certificate names {@code address} as an IP address. */
    boolean namesIpAddress(String address) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names != null
                    && names.stream()
                            .anyMatch(name -> Objects.equals(name.get(0), IP_ADDRESS) && address.equals(name.get(1)));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException("unreadable certificate", e);
        }
    }

    private static String entry(Secret secret, String entry) {
        String encoded = secret.getData() == null ? null : secret.getData().get(entry);
        if (encoded == null) {
            throw new IllegalStateException("Secret " + secret.getMetadata().getName() + " holds no " + entry);
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII);
    }
}

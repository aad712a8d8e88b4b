package io.dbaas.gatekeeper.directory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate authorities one cluster's HTTPS server certificate may chain to: those its event announced, and
 * nothing else (neither the JVM's trust store nor any other cluster's CA).
 *
 * <p>Compared by identity on purpose: the proxy keeps one TLS client configuration per instance, so a route keeps its
 * connection pool as long as it is not replaced.
 *
 * @param pem the certificates as announced, kept for the directory snapshot
 * @param certificates the same, parsed
 */
public record UpstreamTrust(String pem, List<X509Certificate> certificates) {

    /**
     * @throws IllegalArgumentException when the text holds no certificate or one that does not parse
     */
    public static UpstreamTrust fromPem(String pem) {
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the upstream CA certificate holds no certificate");
            }
            return new UpstreamTrust(pem, certificates);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the upstream CA certificate is not a PEM X.509 certificate");
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "UpstreamTrust[" + certificates.size() + " certificate(s)]";
    }
}

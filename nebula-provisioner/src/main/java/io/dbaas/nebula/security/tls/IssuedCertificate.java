package io.dbaas.nebula.security.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    public String certificatePem() {
        return Pem.of(certificate);
    }

    public String privateKeyPem() {
        return Pem.of(privateKey);
    }
}

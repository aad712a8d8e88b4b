package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.kubernetes.model.ClusterCertificates;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.security.tls.Pem;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When the certificates a cluster's Secrets hold expire: node certificates and the CA's, whatever the engine, read
 * from the entries {@link ClusterCertificates} names. An entry that does not parse is left out: the renewal rule
 * replaces such a certificate anyway.
 */
final class CertificateExpiry {

    private static final List<String> CERTIFICATE_ENTRIES =
            List.of(ClusterCertificates.CERTIFICATE_ENTRY, ClusterCertificates.CA_CERTIFICATE_ENTRY);

    private CertificateExpiry() {}

    static Optional<Instant> earliest(Collection<Secret> secrets) {
        return secrets.stream().flatMap(CertificateExpiry::expiries).min(Instant::compareTo);
    }

    private static Stream<Instant> expiries(Secret secret) {
        return CERTIFICATE_ENTRIES.stream()
                .flatMap(entry -> SecretEntries.read(secret, entry).stream())
                .flatMap(pem -> {
                    try {
                        return Stream.of(Pem.certificate(pem).getNotAfter().toInstant());
                    } catch (RuntimeException unreadable) {
                        return Stream.empty();
                    }
                });
    }
}

package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.nebula.kubernetes.model.ClusterCertificates;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret.SecretInputs;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.kubernetes.model.SecretGenerationException;
import io.dbaas.nebula.security.tls.CertificateAuthority;
import io.dbaas.nebula.security.tls.IssuedCertificate;
import io.dbaas.nebula.security.tls.Pem;
import io.dbaas.nebula.security.tls.SubjectAlternativeNames;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The TLS Secrets of a cluster of any engine: the CA, generated once, and the node certificate it signs, issued again
 * when it enters the last third of its validity or no longer names every address clients use (a load balancer's, once
 * it has one, or a new one). Elasticsearch and Qdrant nodes reload a changed certificate by themselves, without a
 * restart; the CA stays, so they keep trusting each other and GateKeeper keeps trusting them throughout.
 */
record ClusterTlsSecrets(ClusterCertificates certificates, Clock clock) {

    GeneratedSecret certificateAuthority() {
        return new GeneratedSecret(
                certificates.caSecret(),
                List.of(ClusterCertificates.CA_CERTIFICATE_ENTRY, ClusterCertificates.CA_KEY_ENTRY),
                inputs -> {
                    CertificateAuthority authority =
                            CertificateAuthority.generate(certificates.caCommonName(), clock.instant());
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ClusterCertificates.CA_CERTIFICATE_ENTRY, authority.certificatePem());
                    entries.put(ClusterCertificates.CA_KEY_ENTRY, authority.privateKeyPem());
                    return entries;
                });
    }

    GeneratedSecret nodeCertificate() {
        return new GeneratedSecret(
                certificates.certificatesSecret(),
                List.of(
                        ClusterCertificates.CERTIFICATE_ENTRY,
                        ClusterCertificates.KEY_ENTRY,
                        ClusterCertificates.CA_CERTIFICATE_ENTRY),
                inputs -> {
                    CertificateAuthority authority =
                            authorityFrom(inputs.earlier().get(certificates.caSecretName()));
                    IssuedCertificate node = authority.issue(certificates.commonName(), names(inputs), clock.instant());
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ClusterCertificates.CERTIFICATE_ENTRY, node.certificatePem());
                    entries.put(ClusterCertificates.KEY_ENTRY, node.privateKeyPem());
                    entries.put(ClusterCertificates.CA_CERTIFICATE_ENTRY, authority.certificatePem());
                    return entries;
                },
                this::renewal);
    }

    /** The names the node certificate must carry: the cluster's own, and every address clients reach it at. */
    SubjectAlternativeNames names(SecretInputs inputs) {
        List<String> dnsNames = new ArrayList<>(certificates.dnsNames());
        List<String> ipAddresses = new ArrayList<>(certificates.ipAddresses());
        for (String address : inputs.clientAddresses()) {
            (SubjectAlternativeNames.isIpAddress(address) ? ipAddresses : dnsNames).add(address);
        }
        return new SubjectAlternativeNames(dnsNames, ipAddresses);
    }

    private Optional<String> renewal(Secret existing, SecretInputs inputs) {
        X509Certificate current;
        try {
            current = Pem.certificate(SecretEntries.read(existing, ClusterCertificates.CERTIFICATE_ENTRY)
                    .orElseThrow());
        } catch (RuntimeException e) {
            return Optional.of("its certificate is unreadable");
        }
        Instant expiry = current.getNotAfter().toInstant();
        if (!clock.instant().isBefore(expiry.minus(CertificateAuthority.NODE_RENEWAL))) {
            return Optional.of("its certificate expires on " + expiry);
        }
        SubjectAlternativeNames wanted = names(inputs);
        if (!SubjectAlternativeNames.of(current).sameAs(wanted)) {
            return Optional.of(
                    "its certificate does not name exactly " + wanted.dnsNames() + " " + wanted.ipAddresses());
        }
        return Optional.empty();
    }

    private CertificateAuthority authorityFrom(@Nullable Secret caSecret) {
        if (caSecret == null) {
            throw new SecretGenerationException("the CA Secret " + certificates.caSecretName() + " is not in place");
        }
        try {
            return CertificateAuthority.fromPem(
                    SecretEntries.read(caSecret, ClusterCertificates.CA_CERTIFICATE_ENTRY)
                            .orElseThrow(),
                    SecretEntries.read(caSecret, ClusterCertificates.CA_KEY_ENTRY)
                            .orElseThrow());
        } catch (RuntimeException e) {
            throw new SecretGenerationException(
                    "the CA in Secret " + certificates.caSecretName() + " is unreadable: " + e.getMessage(), e);
        }
    }
}

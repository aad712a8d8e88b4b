package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
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
 * The TLS Secrets of an Elasticsearch cluster: the CA, generated once, and the node certificate it signs, issued again
 * when it enters the last third of its validity or no longer names every address clients use (a load balancer's, once
 * it has one, or a new one). The nodes reload a changed certificate by themselves, without a restart; the CA stays, so
 * they keep trusting each other and GateKeeper keeps trusting them throughout.
 */
record ElasticsearchTlsSecrets(ElasticsearchCluster cluster, Clock clock) {

    GeneratedSecret certificateAuthority() {
        return new GeneratedSecret(
                cluster.generateCertificateAuthoritySecret(),
                List.of(ElasticsearchNames.CA_CERTIFICATE_ENTRY, ElasticsearchNames.CA_KEY_ENTRY),
                inputs -> {
                    CertificateAuthority authority =
                            CertificateAuthority.generate(cluster.certificateAuthorityCommonName(), clock.instant());
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ElasticsearchNames.CA_CERTIFICATE_ENTRY, authority.certificatePem());
                    entries.put(ElasticsearchNames.CA_KEY_ENTRY, authority.privateKeyPem());
                    return entries;
                });
    }

    GeneratedSecret nodeCertificate() {
        return new GeneratedSecret(
                cluster.generateCertificatesSecret(),
                List.of(
                        ElasticsearchNames.CERTIFICATE_ENTRY,
                        ElasticsearchNames.KEY_ENTRY,
                        ElasticsearchNames.CA_CERTIFICATE_ENTRY),
                inputs -> {
                    CertificateAuthority authority =
                            authorityFrom(inputs.earlier().get(ElasticsearchNames.CA_SECRET));
                    IssuedCertificate node =
                            authority.issue(cluster.certificateCommonName(), names(inputs), clock.instant());
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ElasticsearchNames.CERTIFICATE_ENTRY, node.certificatePem());
                    entries.put(ElasticsearchNames.KEY_ENTRY, node.privateKeyPem());
                    entries.put(ElasticsearchNames.CA_CERTIFICATE_ENTRY, authority.certificatePem());
                    return entries;
                },
                this::renewal);
    }

    /** The names the node certificate must carry: the cluster's own, and every address clients reach it at. */
    SubjectAlternativeNames names(SecretInputs inputs) {
        List<String> dnsNames = new ArrayList<>(cluster.certificateDnsNames());
        List<String> ipAddresses = new ArrayList<>(cluster.certificateIpAddresses());
        for (String address : inputs.clientAddresses()) {
            (SubjectAlternativeNames.isIpAddress(address) ? ipAddresses : dnsNames).add(address);
        }
        return new SubjectAlternativeNames(dnsNames, ipAddresses);
    }

    private Optional<String> renewal(Secret existing, SecretInputs inputs) {
        X509Certificate current;
        try {
            current = Pem.certificate(SecretEntries.read(existing, ElasticsearchNames.CERTIFICATE_ENTRY)
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

    private static CertificateAuthority authorityFrom(@Nullable Secret caSecret) {
        if (caSecret == null) {
            throw new SecretGenerationException("the CA Secret " + ElasticsearchNames.CA_SECRET + " is not in place");
        }
        try {
            return CertificateAuthority.fromPem(
                    SecretEntries.read(caSecret, ElasticsearchNames.CA_CERTIFICATE_ENTRY)
                            .orElseThrow(),
                    SecretEntries.read(caSecret, ElasticsearchNames.CA_KEY_ENTRY)
                            .orElseThrow());
        } catch (RuntimeException e) {
            throw new SecretGenerationException(
                    "the CA in Secret " + ElasticsearchNames.CA_SECRET + " is unreadable: " + e.getMessage(), e);
        }
    }
}

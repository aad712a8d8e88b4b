package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.kubernetes.model.SecretGenerationException;
import io.dbaas.nebula.security.tls.CertificateAuthority;
import io.dbaas.nebula.security.tls.IssuedCertificate;
import io.dbaas.nebula.security.tls.SubjectAlternativeNames;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The TLS Secrets of an Elasticsearch cluster, generated once: the CA first, then the node certificate it signs. A
 * node certificate Secret that was deleted is issued again from the CA in place, so the nodes keep trusting each other.
 */
record ElasticsearchTlsSecrets(ElasticsearchCluster cluster, Clock clock) {

    GeneratedSecret certificateAuthority() {
        return new GeneratedSecret(
                cluster.generateCertificateAuthoritySecret(),
                List.of(ElasticsearchNames.CA_CERTIFICATE_ENTRY, ElasticsearchNames.CA_KEY_ENTRY),
                earlier -> {
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
                earlier -> {
                    CertificateAuthority authority = authorityFrom(earlier.get(ElasticsearchNames.CA_SECRET));
                    IssuedCertificate node = authority.issue(
                            cluster.certificateCommonName(),
                            new SubjectAlternativeNames(
                                    cluster.certificateDnsNames(), cluster.certificateIpAddresses()),
                            clock.instant());
                    Map<String, String> entries = new LinkedHashMap<>();
                    entries.put(ElasticsearchNames.CERTIFICATE_ENTRY, node.certificatePem());
                    entries.put(ElasticsearchNames.KEY_ENTRY, node.privateKeyPem());
                    entries.put(ElasticsearchNames.CA_CERTIFICATE_ENTRY, authority.certificatePem());
                    return entries;
                });
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

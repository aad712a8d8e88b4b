package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * What a cluster's TLS material must be, whatever its engine: a CA of its own, kept in one Secret that no pod mounts,
 * and one certificate for all its nodes, kept with its key and the CA certificate in a Secret every node mounts. Both
 * Secrets come without content; the reconciler generates it once and renews the node certificate.
 *
 * @param caSecret the Secret of the CA ({@link #CA_CERTIFICATE_ENTRY}, {@link #CA_KEY_ENTRY}), without data
 * @param certificatesSecret the Secret of the nodes ({@link #CERTIFICATE_ENTRY}, {@link #KEY_ENTRY},
 *     {@link #CA_CERTIFICATE_ENTRY}), without data
 * @param caCommonName the CA's subject, naming the cluster so that an operator tells CAs apart
 * @param commonName the node certificate's subject; the names that matter are the alternative names
 * @param dnsNames host names the node certificate is valid for: every name peers and GateKeeper connect to
 * @param ipAddresses addresses the node certificate is valid for, such as the loopback address
 */
public record ClusterCertificates(
        Secret caSecret,
        Secret certificatesSecret,
        String caCommonName,
        String commonName,
        List<String> dnsNames,
        List<String> ipAddresses) {

    public static final String CA_CERTIFICATE_ENTRY = "ca.crt";
    public static final String CA_KEY_ENTRY = "ca.key";
    public static final String CERTIFICATE_ENTRY = "tls.crt";
    public static final String KEY_ENTRY = "tls.key";

    public ClusterCertificates {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    public String caSecretName() {
        return caSecret.getMetadata().getName();
    }

    public String certificatesSecretName() {
        return certificatesSecret.getMetadata().getName();
    }
}

package io.dbaas.nebula.security.tls;

import java.util.List;

/**
 * The names a certificate is valid for.
 *
 * @param dnsNames host names, wildcards allowed in the leftmost label ({@code *.es-headless.ns.svc})
 * @param ipAddresses literal addresses, such as the loopback address a local probe connects to
 */
public record SubjectAlternativeNames(List<String> dnsNames, List<String> ipAddresses) {

    public SubjectAlternativeNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a node certificate needs at least one name");
        }
    }
}

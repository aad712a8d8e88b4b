package io.dbaas.nebula.security.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** The names {@code certificate} is valid for. */
    public static SubjectAlternativeNames of(X509Certificate certificate) {
        List<String> dnsNames = new ArrayList<>();
        List<String> ipAddresses = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            for (List<?> name : names == null ? List.<List<?>>of() : names) {
                switch ((Integer) name.get(0)) {
                    case DNS_NAME -> dnsNames.add((String) name.get(1));
                    case IP_ADDRESS -> ipAddresses.add((String) name.get(1));
                    default -> {}
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subject alternative names", e);
        }
        return new SubjectAlternativeNames(dnsNames, ipAddresses);
    }

    /** Whether both name the same hosts and addresses, in any order ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike). */
    public boolean sameAs(SubjectAlternativeNames other) {
        return Set.copyOf(dnsNames).equals(Set.copyOf(other.dnsNames))
                && addresses(ipAddresses).equals(addresses(other.ipAddresses));
    }

    /** Whether {@code address} is an IP literal rather than a host name. */
    public static boolean isIpAddress(String address) {
        return address.contains(":") || address.matches("[0-9.]+");
    }

    private static Set<InetAddress> addresses(List<String> literals) {
        Set<InetAddress> addresses = new HashSet<>();
        for (String literal : literals) {
            if (!isIpAddress(literal)) {
                throw new IllegalArgumentException("not an IP address: " + literal);
            }
            try {
                // A literal is parsed, never looked up.
                addresses.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + literal, e);
            }
        }
        return addresses;
    }

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
}

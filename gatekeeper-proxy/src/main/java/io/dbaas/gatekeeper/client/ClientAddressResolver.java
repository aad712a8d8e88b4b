package io.dbaas.gatekeeper.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides the client address: the socket peer; or, when the peer is a trusted proxy, the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy. Right to left because each proxy appends what it
 * saw: entries left of the last untrusted hop were written by the client and prove nothing.
 */
public final class ClientAddressResolver {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final TrustedProxies trusted;

    public ClientAddressResolver(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public ClientAddress resolve(@Nullable InetSocketAddress peer, List<String> forwardedFor) {
        if (peer == null || peer.getAddress() == null) {
            return ClientAddress.UNKNOWN;
        }
        InetAddress client = peer.getAddress();
        if (!trusted.trusts(client)) {
            return new ClientAddress(client.getHostAddress());
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // Garbage from further left cannot be trusted; the last good hop is the best answer.
                break;
            }
            client = hop.get();
            if (!trusted.trusts(client)) {
                break;
            }
        }
        return new ClientAddress(client.getHostAddress());
    }

    private static List<String> hops(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                // Empty entries ("a, , b" or a trailing comma) are no hop at all.
                String stripped = hop.strip();
                if (!stripped.isEmpty()) {
                    hops.add(stripped);
                }
            }
        }
        return hops;
    }

    /** Only literal addresses: a name in the header must never cause a DNS lookup on the event loop. */
    private static Optional<InetAddress> literal(String hop) {
        String address = hop.startsWith("[") && hop.endsWith("]") ? hop.substring(1, hop.length() - 1) : hop;
        if (!IP_LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

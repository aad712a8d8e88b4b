package io.dbaas.gatekeeper.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A block of IP addresses such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one.
 *
 * @param network the first address of the block, as bytes (4 for IPv4, 16 for IPv6)
 * @param prefixLength how many leading bits an address must share with {@code network}
 */
public record CidrBlock(byte[] network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Refuses host names: trust is given to addresses, never to whatever a name resolves to at start-up. */
    public static CidrBlock parse(String text) {
        String[] parts = text.strip().split("/", 2);
        String address = parts[0];
        if (!IPV4.matcher(address).matches() && !address.contains(":")) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        byte[] bytes;
        try {
            // A literal: no name lookup happens.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'", e);
        }
        int prefixLength = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
        if (prefixLength < 0 || prefixLength > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new CidrBlock(bytes, prefixLength);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits);
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}

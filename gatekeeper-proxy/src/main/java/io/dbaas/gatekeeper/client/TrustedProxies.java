package io.dbaas.gatekeeper.client;

import java.net.InetAddress;
import java.util.List;

/** The peers whose forwarding headers GateKeeper believes. */
public record TrustedProxies(List<CidrBlock> blocks) {

    public TrustedProxies {
        blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public boolean trusts(InetAddress address) {
        for (CidrBlock block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}

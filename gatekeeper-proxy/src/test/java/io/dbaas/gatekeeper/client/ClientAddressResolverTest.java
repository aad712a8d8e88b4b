package io.dbaas.gatekeeper.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private static final InetSocketAddress LOAD_BALANCER = new InetSocketAddress("10.0.0.5", 40000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.7", 40000);

    private final ClientAddressResolver noTrust = new ClientAddressResolver(TrustedProxies.none());
    private final ClientAddressResolver trustsPrivateNetwork =
            new ClientAddressResolver(new TrustedProxies(List.of(CidrBlock.parse("10.0.0.0/8"))));

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientWhateverItClaims() {
        assertThat(noTrust.resolve(LOAD_BALANCER, List.of("203.0.113.9")).value())
                .isEqualTo("10.0.0.5");
    }

    @Test
    void anUntrustedPeerCannotClaimAnotherAddress() {
        assertThat(trustsPrivateNetwork
                        .resolve(STRANGER, List.of("203.0.113.9"))
                        .value())
                .isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxyNamesTheClientItSaw() {
        assertThat(trustsPrivateNetwork
                        .resolve(LOAD_BALANCER, List.of("203.0.113.9"))
                        .value())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void whatTheClientWroteLeftOfTheLastUntrustedHopIsIgnored() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; each proxy appended the address it saw.
        assertThat(trustsPrivateNetwork
                        .resolve(LOAD_BALANCER, List.of("1.2.3.4, 203.0.113.9", "10.0.0.9"))
                        .value())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void garbageInTheChainStopsTheWalkAtTheLastGoodHop() {
        assertThat(trustsPrivateNetwork
                        .resolve(LOAD_BALANCER, List.of("evil.example.com, 10.0.0.9"))
                        .value())
                .isEqualTo("10.0.0.9");
    }

    @Test
    void emptyEntriesInTheRawHeaderAreNoHops() {
        // The filter passes the header values as sent: the resolver itself splits them, and skips empty entries.
        assertThat(trustsPrivateNetwork
                        .resolve(LOAD_BALANCER, List.of("203.0.113.9, , 10.0.0.9,"))
                        .value())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
        assertThat(trustsPrivateNetwork.resolve(LOAD_BALANCER, List.of()).value())
                .isEqualTo("10.0.0.5");
    }

    @Test
    void noPeerIsUnknown() {
        assertThat(noTrust.resolve(null, List.of())).isEqualTo(ClientAddress.UNKNOWN);
    }
}

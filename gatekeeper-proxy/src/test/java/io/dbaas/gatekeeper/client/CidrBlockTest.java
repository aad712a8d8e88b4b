package io.dbaas.gatekeeper.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrBlockTest {

    @Test
    void containsTheAddressesOfItsPrefix() throws UnknownHostException {
        CidrBlock block = CidrBlock.parse("10.1.0.0/17");

        assertThat(block.contains(InetAddress.getByName("10.1.127.255"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("10.1.128.0"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void aBareAddressIsABlockOfOne() throws UnknownHostException {
        CidrBlock block = CidrBlock.parse("fd00::1");

        assertThat(block.contains(InetAddress.getByName("fd00::1"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("fd00::2"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"load-balancer.internal", "10.0.0.0/33", "::/129", ""})
    void refusesNamesAndImpossiblePrefixes(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> CidrBlock.parse(text));
    }
}

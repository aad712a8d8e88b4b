package io.dbaas.gatekeeper.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateKeeperPropertiesTest {

    @Test
    void theDomainIsNormalizedLikeHostNames() {
        assertThat(new GateKeeperProperties(" DBaaS.Example.COM. ").domain()).isEqualTo("dbaas.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*.dbaas.localhost", "dbaas..localhost", "dbaas.localhost:8000", "-dbaas.localhost"})
    void refusesAnythingButADnsName(String domain) {
        assertThatIllegalArgumentException().isThrownBy(() -> new GateKeeperProperties(domain));
    }
}

package io.dbaas.gatekeeper.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class RequestHostTest {

    @Test
    void theHostIsTheHeaderWithoutItsPort() {
        assertThat(RequestHost.of(host("c1.eu-west-1.aws.dbaas.localhost:8443")))
                .contains("c1.eu-west-1.aws.dbaas.localhost");
        assertThat(RequestHost.of(host("C1.EU-WEST-1.AWS.DBAAS.LOCALHOST")))
                .contains("C1.EU-WEST-1.AWS.DBAAS.LOCALHOST");
    }

    @Test
    void anIpv6LiteralIsNotCutAtItsColons() {
        assertThat(RequestHost.of(host("[::1]:8000"))).contains("[::1]");
    }

    @Test
    void noUsableHostIsNoHost() {
        assertThat(RequestHost.of(new DefaultHttpHeaders())).isEmpty();
        assertThat(RequestHost.of(host(""))).isEmpty();
        assertThat(RequestHost.of(host(":8000"))).isEmpty();
        assertThat(RequestHost.of(host("[::1"))).isEmpty();
    }

    private static HttpHeaders host(String value) {
        return new DefaultHttpHeaders().set("Host", value);
    }
}

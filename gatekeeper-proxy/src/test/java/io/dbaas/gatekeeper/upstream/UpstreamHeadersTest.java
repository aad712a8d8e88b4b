package io.dbaas.gatekeeper.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.client.ClientAddress;
import io.dbaas.gatekeeper.directory.UpstreamCredential;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class UpstreamHeadersTest {

    private static final UpstreamCredential CREDENTIAL = new UpstreamCredential("api-key", "master-key");

    @Test
    void theClientsCredentialsAreReplacedByTheClusters() {
        HttpHeaders client = new DefaultHttpHeaders()
                .add("API-Key", "dbk_client")
                .add("Authorization", "Bearer client-token")
                .add("cookie", "session=client")
                .add("X-Client", "kept")
                .add("Accept", "application/json")
                .add("Accept", "text/plain");

        HttpHeaders sent = towardsCluster(client, new ClientAddress("203.0.113.9"));

        assertThat(sent.getAll("api-key")).containsExactly("master-key");
        assertThat(sent.contains("Authorization")).isFalse();
        assertThat(sent.contains("Cookie")).isFalse();
        assertThat(sent.get("X-Client")).isEqualTo("kept");
        assertThat(sent.getAll("Accept")).containsExactly("application/json", "text/plain");
    }

    @Test
    void forwardingClaimsOfTheClientAreReplacedByWhatGateKeeperDecided() {
        HttpHeaders client = new DefaultHttpHeaders()
                .add("X-Forwarded-For", "10.0.0.1")
                .add("x-forwarded-host", "evil.example")
                .add("Forwarded", "for=10.0.0.1")
                .add("X-Real-IP", "10.0.0.1");

        HttpHeaders sent = towardsCluster(client, new ClientAddress("203.0.113.9"));

        assertThat(sent.getAll("X-Forwarded-For")).containsExactly("203.0.113.9");
        assertThat(sent.getAll("X-Forwarded-Proto")).containsExactly("https");
        assertThat(sent.contains("X-Forwarded-Host")).isFalse();
        assertThat(sent.contains("Forwarded")).isFalse();
        assertThat(sent.contains("X-Real-IP")).isFalse();
    }

    @Test
    void anUnknownClientAddressIsNotForwarded() {
        HttpHeaders sent = towardsCluster(new DefaultHttpHeaders(), ClientAddress.UNKNOWN);

        assertThat(sent.contains("X-Forwarded-For")).isFalse();
    }

    @Test
    void hopByHopHeadersAndTheHostStayOnTheirConnection() {
        HttpHeaders client = new DefaultHttpHeaders()
                .add("Host", "c1.eu-west-1.aws.dbaas.localhost")
                .add("Connection", "keep-alive, Upgrade")
                .add("Keep-Alive", "timeout=5")
                .add("Upgrade", "websocket")
                .add("TE", "trailers")
                .add("Transfer-Encoding", "chunked")
                .add("Proxy-Authorization", "Basic eDp5")
                .add("Content-Length", "12");

        HttpHeaders sent = towardsCluster(client, ClientAddress.UNKNOWN);

        assertThat(sent.names()).containsExactlyInAnyOrder("Content-Length", "X-Forwarded-Proto", "api-key");
    }

    @Test
    void theClustersAnswerKeepsItsHeadersButNotItsHopByHopOnes() {
        HttpHeaders cluster = new DefaultHttpHeaders()
                .add("Content-Type", "application/json")
                .add("Content-Length", "44")
                .add("Connection", "close")
                .add("Transfer-Encoding", "chunked")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2");
        HttpHeaders client = new DefaultHttpHeaders();

        UpstreamHeaders.towardsClient(cluster, client);

        assertThat(client.names()).containsExactlyInAnyOrder("Content-Type", "Content-Length", "Set-Cookie");
        assertThat(client.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    private static HttpHeaders towardsCluster(HttpHeaders client, ClientAddress address) {
        HttpHeaders sent = new DefaultHttpHeaders();
        UpstreamHeaders.towardsCluster(client, sent, address, "https", CREDENTIAL);
        return sent;
    }
}

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

    @Test
    void theHttpClientsOwnDefaultsGiveWayToTheClientsHeaders() {
        HttpHeaders prepared = new DefaultHttpHeaders()
                .add("host", "qdrant.c1.svc:6333")
                .add("user-agent", "ReactorNetty/1.3.6")
                .add("accept", "*/*");
        HttpHeaders client = new DefaultHttpHeaders()
                .add("User-Agent", "curl/8.5")
                .add("Accept", "application/vnd.elasticsearch+json; compatible-with=8");

        UpstreamHeaders.towardsCluster(client, prepared, ClientAddress.UNKNOWN, "https", CREDENTIAL);

        assertThat(prepared.getAll("Accept")).containsExactly("application/vnd.elasticsearch+json; compatible-with=8");
        assertThat(prepared.getAll("User-Agent")).containsExactly("curl/8.5");
        assertThat(prepared.getAll("Host")).containsExactly("qdrant.c1.svc:6333");
    }

    @Test
    void headersNamedInConnectionAndNettysHttp2NotesStayOnTheirConnection() {
        HttpHeaders client = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Drop-Me")
                .add("X-Drop-Me", "1")
                .add("X-Keep-Me", "2")
                .add("x-http2-stream-id", "3")
                .add("x-http2-scheme", "http");
        HttpHeaders cluster = new DefaultHttpHeaders()
                .add("Connection", "X-Internal")
                .add("X-Internal", "1")
                .add("Content-Type", "application/json");
        HttpHeaders answered = new DefaultHttpHeaders();

        HttpHeaders sent = towardsCluster(client, ClientAddress.UNKNOWN);
        UpstreamHeaders.towardsClient(cluster, answered);

        assertThat(sent.names()).containsExactlyInAnyOrder("X-Keep-Me", "X-Forwarded-Proto", "api-key");
        assertThat(answered.names()).containsExactly("Content-Type");
    }

    private static HttpHeaders towardsCluster(HttpHeaders client, ClientAddress address) {
        HttpHeaders sent = new DefaultHttpHeaders();
        UpstreamHeaders.towardsCluster(client, sent, address, "https", CREDENTIAL);
        return sent;
    }
}

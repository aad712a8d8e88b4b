package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RawHttp;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCertificates;
import io.dbaas.gatekeeper.support.TestCertificates.Authority;
import io.dbaas.gatekeeper.support.TestCertificates.ServerPem;
import io.dbaas.gatekeeper.support.TestCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public port with TLS on and a certificate per region, chosen by the server name (SNI) a client sends: two regions
 * listed without a certificate get one each from a development CA generated at start-up (which writes out its own
 * certificate), a third is served from PEM files. Clients name the cluster in the URL (HTTPS clients cannot set
 * {@code Host}); {@code *.localhost} resolves to loopback in the test JVM.
 */
@TestPropertySource(
        properties = {"gatekeeper.tls.enabled=true", "gatekeeper.tls.development.ca-certificate=" + TlsIT.CA_FILE})
class TlsIT extends GateKeeperIntegrationTest {

    static final String CA_FILE = "target/tls-it/development-ca.pem";

    private static final String REGION_A = "eu-west-1.aws";
    private static final String REGION_B = "us-east-1.gcp";
    private static final String PEM_REGION = "westeurope.azure";

    /** Signs the PEM region's certificate, as a real authority would. */
    private static final Authority PEM_REGION_CA = TestCertificates.authority();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestCluster cluster;

    /** All in one property source: Spring Boot binds a list from one source only. */
    @DynamicPropertySource
    static void regions(DynamicPropertyRegistry properties) throws IOException {
        properties.add("gatekeeper.tls.regions[0].region", () -> "eu-west-1");
        properties.add("gatekeeper.tls.regions[0].provider", () -> "aws");
        properties.add("gatekeeper.tls.regions[1].region", () -> "us-east-1");
        properties.add("gatekeeper.tls.regions[1].provider", () -> "gcp");
        properties.add("gatekeeper.tls.regions[2].region", () -> "westeurope");
        properties.add("gatekeeper.tls.regions[2].provider", () -> "azure");
        ServerPem pem = PEM_REGION_CA.serverPem("*." + PEM_REGION + "." + DOMAIN);
        Path directory = Files.createDirectories(Path.of("target/tls-it-pem"));
        Path certificate = Files.writeString(directory.resolve("tls.crt"), pem.certificateChain());
        Path key = Files.writeString(directory.resolve("tls.key"), pem.privateKey());
        properties.add("gatekeeper.tls.regions[2].certificate", () -> "file:" + certificate.toAbsolutePath());
        properties.add("gatekeeper.tls.regions[2].private-key", () -> "file:" + key.toAbsolutePath());
    }

    @BeforeEach
    void aCluster() {
        cluster = provisioned(UPSTREAM_A);
    }

    @Test
    void aClientTrustingTheExportedCaSpeaksHttp2AndReachesTheClusterWithTheMasterKey() throws Exception {
        String apiKey = cluster.newApiKey();

        HttpResponse<String> response = trustingClient(HttpClient.Version.HTTP_2)
                .send(
                        request(cluster.host(), "/collections/docs?wait=true")
                                .header("api-key", apiKey)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"limit\":3}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("answered by upstream-a");
        X509Certificate served = peerCertificate(response);
        assertThat(dnsNames(served)).containsExactly("*." + REGION_A + "." + DOMAIN);
        assertThat(served.getIssuerX500Principal()).isEqualTo(exportedCa().getSubjectX500Principal());

        Received received = UPSTREAM_A.received().getLast();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.rawPath()).isEqualTo("/collections/docs");
        assertThat(received.body()).isEqualTo("{\"limit\":3}");
        assertThat(received.header("api-key")).containsExactly(cluster.masterKey());
        assertThat(received.header("X-Forwarded-Proto")).containsExactly("https");
        assertThat(received.headers().toString()).doesNotContain(apiKey);
    }

    @Test
    void anotherRegionGetsItsOwnCertificateFromTheSameDevelopmentCaAndReachesItsCluster() throws Exception {
        TestCluster inRegionB = provisionedIn(REGION_B, UPSTREAM_B);

        HttpResponse<String> response = trustingClient(HttpClient.Version.HTTP_2)
                .send(
                        request(inRegionB.host(), "/collections")
                                .header("api-key", inRegionB.newApiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("answered by upstream-b");
        X509Certificate served = peerCertificate(response);
        assertThat(dnsNames(served)).containsExactly("*." + REGION_B + "." + DOMAIN);
        assertThat(served.getIssuerX500Principal()).isEqualTo(exportedCa().getSubjectX500Principal());
        assertThat(served.getPublicKey())
                .isNotEqualTo(certificateServedTo(cluster.host()).getPublicKey());
        assertThat(UPSTREAM_B.received().getLast().header("api-key")).containsExactly(inRegionB.masterKey());
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void aRegionWithPemFilesIsServedTheirCertificate() throws Exception {
        TestCluster inPemRegion = provisionedIn(PEM_REGION, UPSTREAM_A);

        HttpResponse<String> response = trustingClient(HttpClient.Version.HTTP_2)
                .send(
                        request(inPemRegion.host(), "/collections")
                                .header("api-key", inPemRegion.newApiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        X509Certificate served = peerCertificate(response);
        assertThat(dnsNames(served)).containsExactly("*." + PEM_REGION + "." + DOMAIN);
        assertThat(served.getIssuerX500Principal())
                .isEqualTo(PEM_REGION_CA.certificate().getSubjectX500Principal());
        assertThat(UPSTREAM_A.received().getLast().header("api-key")).containsExactly(inPemRegion.masterKey());
    }

    @Test
    void aServerNameInNoListedRegionAndAHandshakeWithoutOneGetTheFirstRegionsCertificate() throws Exception {
        List<String> firstRegion = List.of("*." + REGION_A + "." + DOMAIN);

        assertThat(dnsNames(certificateServedTo(cluster.id() + ".ap-south-1.aws." + DOMAIN)))
                .isEqualTo(firstRegion);
        assertThat(dnsNames(certificateServedTo("localhost"))).isEqualTo(firstRegion);
        assertThat(dnsNames(certificateServedTo(null))).isEqualTo(firstRegion);
        assertThat(dnsNames(certificateServedTo(cluster.id() + "." + REGION_B + "." + DOMAIN)))
                .containsExactly("*." + REGION_B + "." + DOMAIN);
    }

    @Test
    void http11ClientsAreStillServedOverTls() throws Exception {
        HttpResponse<String> response = trustingClient(HttpClient.Version.HTTP_1_1)
                .send(
                        request(cluster.host(), "/collections")
                                .header("api-key", cluster.newApiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(UPSTREAM_A.received().getLast().header("api-key")).containsExactly(cluster.masterKey());
    }

    @Test
    void refusalsOverHttp2AreStillProblems() throws Exception {
        HttpClient client = trustingClient(HttpClient.Version.HTTP_2);

        HttpResponse<String> noKey =
                client.send(request(cluster.host(), "/collections").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownCluster = client.send(
                request("00000000-0000-0000-0000-000000000000.eu-west-1.aws." + DOMAIN, "/collections")
                        .header("api-key", cluster.newApiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(noKey, 401, "urn:dbaas:problem:unauthenticated");
        assertThat(noKey.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("ApiKey"));
        assertProblem(unknownCluster, 404, "urn:dbaas:problem:unknown-cluster");
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void headersTooLargeOverTlsHttp11AreStillAProblem() throws Exception {
        String request = "GET /collections HTTP/1.1\r\nHost: " + cluster.host() + "\r\nX-Padding: " + "a".repeat(10_000)
                + "\r\n\r\n";

        String answer = http11OverTls(request);

        assertThat(answer)
                .startsWith("HTTP/1.1 431")
                .contains("application/problem+json", "urn:dbaas:problem:headers-too-large");
    }

    /** Over TLS the HTTP/1.1 handlers are set up after ALPN: pipelined requests must still be answered in turn. */
    @Test
    void pipelinedRequestsOverTlsHttp11AreAllAnsweredWhenTheLastAsksToClose() throws Exception {
        String apiKey = cluster.newApiKey();
        String first = "GET /collections/first?answer-bytes=3 HTTP/1.1\r\nHost: " + cluster.host() + "\r\napi-key: "
                + apiKey + "\r\n\r\n";
        String closing = "GET /collections/second?answer-bytes=6 HTTP/1.1\r\nHost: " + cluster.host() + "\r\napi-key: "
                + apiKey + "\r\nConnection: close\r\n\r\n";

        // Read to the end: the server closes after the last answer, or the read times out and fails the test.
        String answer = http11OverTls(first + closing);

        assertThat(new RawHttp.Answer(answer, true).responses())
                .as(answer)
                .extracting(RawHttp.Response::status, RawHttp.Response::body)
                .containsExactly(tuple(200, "abc"), tuple(200, "abcdef"));
        assertThat(UPSTREAM_A.received())
                .extracting(Received::rawPath)
                .containsExactly("/collections/first", "/collections/second");
    }

    /** Sends {@code request} over TLS with ALPN offering HTTP/1.1 only, and reads until the server closes. */
    private String http11OverTls(String request) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(cluster.host())));
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheDevelopmentCaFailsTheHandshake() {
        HttpClient defaultTrust =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> defaultTrust.send(
                        request(cluster.host(), "/collections")
                                .header("api-key", cluster.newApiKey())
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(UPSTREAM_A.received()).isEmpty();
    }

    @Test
    void aNameInNoListedRegionFailsHostNameVerification() {
        // Routable by GateKeeper's domain, but no region listed: the client is served the first region's certificate.
        String otherRegion = cluster.id() + ".ap-south-1.aws." + DOMAIN;

        assertThatThrownBy(() -> trustingClient(HttpClient.Version.HTTP_2)
                        .send(request(otherRegion, "/collections").build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("No subject alternative DNS name matching");
    }

    @Test
    void onlyTheCaCertificateIsWrittenNeverAKey() throws Exception {
        Path caFile = Path.of(CA_FILE);
        String pem = Files.readString(caFile);

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        assertThat(pem.split("BEGIN", -1)).hasSize(2);
        try (Stream<Path> written = Files.list(caFile.getParent())) {
            assertThat(written).containsExactly(caFile);
        }
        assertThat(exportedCa().getBasicConstraints()).isZero();
    }

    @Test
    void theManagementPortStaysPlainHttp() {
        awaitReady();
        management().get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private HttpRequest.Builder request(String host, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
    }

    private static HttpClient trustingClient(HttpClient.Version version) throws GeneralSecurityException, IOException {
        return HttpClient.newBuilder()
                .sslContext(trustingContext())
                .version(version)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Trusts the exported development CA and the PEM region's authority, and nothing else. */
    private static SSLContext trustingContext() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gatekeeper-development-ca", exportedCa());
        trusted.setCertificateEntry("pem-region-ca", PEM_REGION_CA.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    /** What the public port presents to a client sending {@code serverName} (none when null), without host checks. */
    private X509Certificate certificateServedTo(@Nullable String serverName) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate peerCertificate(HttpResponse<?> response) throws SSLPeerUnverifiedException {
        return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static X509Certificate exportedCa() throws GeneralSecurityException, IOException {
        byte[] pem = Files.readAllBytes(Path.of(CA_FILE));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    /** The certificate's DNS subject alternative names, in order. */
    static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames().stream()
                .map(name -> (String) name.get(1))
                .toList();
    }
}

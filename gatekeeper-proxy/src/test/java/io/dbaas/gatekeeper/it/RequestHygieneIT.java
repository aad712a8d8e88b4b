package io.dbaas.gatekeeper.it;

import static io.dbaas.gatekeeper.it.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RawHttp;
import io.dbaas.gatekeeper.support.RecordingUpstream;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests no cluster should see: oversized, ambiguous, stalled, or carrying forwarding claims from a client. The
 * context limits bodies to 64 KB and body pauses to 1 s (see {@link GateKeeperIntegrationTest}).
 */
class RequestHygieneIT extends GateKeeperIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Slow enough that a pipelined request is read while its predecessor's answer is still owed. */
    private static final RecordingUpstream SLOW = RecordingUpstream.slow("slow-upstream", Duration.ofMillis(500));

    private TestCluster cluster;
    private String apiKey;

    @AfterAll
    static void stopSlowUpstream() {
        SLOW.close();
    }

    @BeforeEach
    void oneCluster() {
        cluster = provisioned(UPSTREAM_A);
        apiKey = cluster.newApiKey();
    }

    @Test
    void headersOverTheLimitAreRefusedWith431() {
        RawHttp.Answer answer = RawHttp.exchange(port, head("GET / HTTP/1.1", "X-Padding: " + "x".repeat(20_000)));

        assertRawProblem(answer, 431, "urn:dbaas:problem:headers-too-large");
        assertNothingReachedTheCluster();
    }

    /** Small headers, but more of them than the limit (100): each one costs the cluster a lookup and a copy. */
    @Test
    void moreHeadersThanTheLimitAreRefusedWith431AndNeverReachTheCluster() {
        // head() adds Host, api-key and Connection: 98 more make 101.
        RawHttp.Answer answer = RawHttp.exchange(port, head("GET /collections HTTP/1.1", numberedHeaders(98)));

        assertRawProblem(answer, 431, "urn:dbaas:problem:too-many-headers");
        assertNothingReachedTheCluster();
    }

    @Test
    void asManyHeadersAsTheLimitArePassedOn() {
        RawHttp.Answer answer = RawHttp.exchange(port, head("GET /collections HTTP/1.1", numberedHeaders(97)));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(UPSTREAM_A.received()).hasSize(1);
    }

    private static String[] numberedHeaders(int count) {
        String[] headers = new String[count];
        for (int i = 0; i < count; i++) {
            headers[i] = "X-Header-" + i + ": " + i;
        }
        return headers;
    }

    /**
     * RFC 9112, section 9.6: a server that reads {@code Connection: close} must not process any further request on
     * that connection. A client that pipelined one more behind it must see one answer only, and the cluster one request.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRequestPipelinedBehindConnectionCloseIsNeverProcessed(boolean firstIsAuthenticated) {
        String first = "GET /collections/first HTTP/1.1\r\n"
                + "Host: " + cluster.host() + "\r\n"
                + "api-key: " + (firstIsAuthenticated ? apiKey : "dbk_wrong") + "\r\n"
                + "Connection: close\r\n\r\n";
        String second = "GET /collections/second HTTP/1.1\r\n"
                + "Host: " + cluster.host() + "\r\n"
                + "api-key: " + apiKey + "\r\n\r\n";

        RawHttp.Answer answer = RawHttp.exchange(port, first + second);

        assertThat(answer.status()).as(answer.text()).isEqualTo(firstIsAuthenticated ? 200 : 401);
        assertThat(Pattern.compile("HTTP/1\\.1 \\d{3} ").matcher(answer.text()).results())
                .as(answer.text())
                .hasSize(1);
        assertThat(UPSTREAM_A.received())
                .extracting(Received::rawPath)
                .isEqualTo(firstIsAuthenticated ? List.of("/collections/first") : List.of());
    }

    /** The other side of the test above, and proof that it counts answers right: without a close, both are answered. */
    @Test
    void pipelinedRequestsOnAConnectionKeptAliveAreAllAnswered() {
        String first = "GET /collections/first HTTP/1.1\r\n"
                + "Host: " + cluster.host() + "\r\n"
                + "api-key: " + apiKey + "\r\n\r\n";
        String second = "GET /collections/second HTTP/1.1\r\n"
                + "Host: " + cluster.host() + "\r\n"
                + "api-key: " + apiKey + "\r\n"
                + "\r\n";

        // The connection stays open: whatever came back within a second of quiet.
        RawHttp.Answer answer = RawHttp.exchange(port, (first + second).getBytes(StandardCharsets.ISO_8859_1), 1_000);

        assertThat(Pattern.compile("HTTP/1\\.1 200 ").matcher(answer.text()).results())
                .as(answer.text())
                .hasSize(2);
        assertThat(UPSTREAM_A.received())
                .extracting(Received::rawPath)
                .containsExactly("/collections/first", "/collections/second");
    }

    /**
     * RFC 9112, sections 9.3.2 and 9.6: pipelined requests are answered in the order they came, and the one carrying
     * {@code Connection: close} is the last answered before the server closes. Its close belongs to its own answer, not
     * to the answers still owed for the requests before it.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void pipelinedRequestsAreAllAnsweredInOrderWhenTheLastAsksToCloseAndThenTheConnectionCloses(int requests) {
        StringBuilder pipeline = new StringBuilder();
        for (int i = 1; i <= requests; i++) {
            pipeline.append(pipelined(i, apiKey, i == requests));
        }

        RawHttp.Answer answer = RawHttp.exchange(port, pipeline.toString());

        assertThat(answer.responses())
                .as(answer.text())
                .extracting(RawHttp.Response::status, RawHttp.Response::body)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, requests)
                        .mapToObj(i -> tuple(200, upstreamBodyFor(i)))
                        .toList());
        assertThat(answer.responses().getLast().asksToClose()).isTrue();
        assertThat(answer.responses().subList(0, requests - 1)).noneMatch(RawHttp.Response::asksToClose);
        assertThat(answer.closedByServer())
                .as("the connection closes after the last answer")
                .isTrue();
        assertThat(UPSTREAM_A.received())
                .extracting(Received::rawPath)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, requests)
                        .mapToObj(i -> "/collections/request-" + i)
                        .toList());
    }

    /** A refusal is an answer like any other: the closing request is refused in its turn, after the ones before it. */
    @Test
    void aRefusedRequestThatAsksToCloseIsStillAnsweredAfterThePipelinedOnesBeforeIt() {
        String pipeline = pipelined(1, apiKey, false) + pipelined(2, "dbk_wrong", true);

        RawHttp.Answer answer = RawHttp.exchange(port, pipeline);

        assertThat(answer.responses())
                .as(answer.text())
                .extracting(RawHttp.Response::status)
                .containsExactly(200, 401);
        assertThat(answer.responses().getFirst().body()).isEqualTo(upstreamBodyFor(1));
        assertThat(answer.responses().getLast().body()).contains("urn:dbaas:problem:unauthenticated");
        assertThat(answer.closedByServer())
                .as("the connection closes after the refusal")
                .isTrue();
        assertThat(UPSTREAM_A.received()).extracting(Received::rawPath).containsExactly("/collections/request-1");
    }

    /**
     * The answer before is slow to come, so the closing request, body and all, is surely read while that answer is
     * owed: it waits, then reaches the cluster whole and is answered second.
     */
    @Test
    void aClosingRequestWithABodyReadWhileASlowAnswerIsOwedArrivesWholeAndIsAnsweredAfterIt() {
        SLOW.forget();
        TestCluster slowCluster = provisioned(SLOW);
        String slowKey = slowCluster.newApiKey();
        String body = "{\"points\":[1,2,3]}";
        String first = "GET /collections/slow?answer-bytes=3 HTTP/1.1\r\n"
                + "Host: " + slowCluster.host() + "\r\n"
                + "api-key: " + slowKey + "\r\n\r\n";
        String closing = "POST /collections/docs/points?answer-bytes=6 HTTP/1.1\r\n"
                + "Host: " + slowCluster.host() + "\r\n"
                + "api-key: " + slowKey + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n"
                + body;

        RawHttp.Answer answer = RawHttp.exchange(port, first + closing);

        assertThat(answer.responses())
                .as(answer.text())
                .extracting(RawHttp.Response::status, RawHttp.Response::body)
                .containsExactly(tuple(200, "abc"), tuple(200, "abcdef"));
        assertThat(answer.closedByServer())
                .as("the connection closes after the last answer")
                .isTrue();
        assertThat(SLOW.received())
                .extracting(Received::rawPath, Received::body)
                .containsExactly(tuple("/collections/slow", ""), tuple("/collections/docs/points", body));
    }

    /**
     * A request GateKeeper cannot read ends the connection too, so its refusal is the last answer: the request before
     * it is answered first and whole, not cut off by a refusal written ahead of it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"request line too long", "conflicting lengths"})
    void anUnreadableRequestPipelinedBehindAGoodOneIsRefusedAfterTheGoodOneIsAnswered(String defect) {
        String unreadable = defect.equals("request line too long")
                ? "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: " + cluster.host() + "\r\n\r\n"
                : "POST /collections HTTP/1.1\r\nHost: " + cluster.host()
                        + "\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

        RawHttp.Answer answer = RawHttp.exchange(port, pipelined(1, apiKey, false) + unreadable);

        assertThat(answer.responses())
                .as(answer.text())
                .extracting(RawHttp.Response::status)
                .containsExactly(200, defect.equals("request line too long") ? 414 : 400);
        assertThat(answer.responses().getFirst().body()).isEqualTo(upstreamBodyFor(1));
        assertThat(answer.responses().getLast().asksToClose()).isTrue();
        assertThat(answer.closedByServer())
                .as("the connection closes after the refusal")
                .isTrue();
        assertThat(UPSTREAM_A.received()).extracting(Received::rawPath).containsExactly("/collections/request-1");
    }

    /**
     * The {@code number}th request of a pipeline. Each asks the upstream stand-in for an answer of its own length, so
     * that an answer given out of turn shows.
     */
    private String pipelined(int number, String key, boolean closing) {
        return "GET /collections/request-" + number + "?answer-bytes=" + (number * 3) + " HTTP/1.1\r\n"
                + "Host: " + cluster.host() + "\r\n"
                + "api-key: " + key + "\r\n"
                + (closing ? "Connection: close\r\n" : "")
                + "\r\n";
    }

    /** What {@link io.dbaas.gatekeeper.support.RecordingUpstream} answers to {@link #pipelined}'s request. */
    private static String upstreamBodyFor(int number) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < number * 3; i++) {
            body.append((char) ('a' + i % 26));
        }
        return body.toString();
    }

    @Test
    void aRequestLineOverTheLimitIsRefusedWith414() {
        RawHttp.Answer answer = RawHttp.exchange(port, head("GET /" + "a".repeat(10_000) + " HTTP/1.1"));

        assertRawProblem(answer, 414, "urn:dbaas:problem:uri-too-long");
        assertNothingReachedTheCluster();
    }

    @Test
    void twoHostHeadersAreRefusedWith400EvenWhenTheyAgree() {
        for (String second : new String[] {"other.eu-west-1.aws." + DOMAIN, cluster.host()}) {
            RawHttp.Answer answer = RawHttp.exchange(port, head("GET / HTTP/1.1", "Host: " + second));

            assertRawProblem(answer, 400, "urn:dbaas:problem:malformed-request");
        }
        assertNothingReachedTheCluster();
    }

    @Test
    void conflictingLengthHeadersAreRefusedWith400() {
        String[][] conflicts = {
            {"Content-Length: 3", "Transfer-Encoding: chunked"},
            {"Content-Length: 3", "Content-Length: 4"},
            {"Transfer-Encoding: chunked, identity"}
        };
        for (String[] headers : conflicts) {
            RawHttp.Answer answer = RawHttp.exchange(port, head("POST / HTTP/1.1", headers) + "3\r\nabc\r\n0\r\n\r\n");

            assertRawProblem(answer, 400, "urn:dbaas:problem:malformed-request");
        }
        assertNothingReachedTheCluster();
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWith413BeforeAnythingIsSent() {
        String body = assertProblem(
                gateway()
                        .post()
                        .uri("/collections/docs/points")
                        .header(HttpHeaders.HOST, cluster.host())
                        .header("api-key", apiKey)
                        .bodyValue("x".repeat(64 * 1024 + 1))
                        .exchange(),
                413,
                "urn:dbaas:problem:body-too-large");

        assertThat(body).doesNotContain(apiKey, cluster.masterKey());
        assertNothingReachedTheCluster();
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWith413AndTheClusterNeverGetsAWholeRequest() {
        StringBuilder request =
                new StringBuilder(head("POST /collections/docs/points HTTP/1.1", "Transfer-Encoding: chunked"));
        String chunk = "y".repeat(8 * 1024);
        for (int i = 0; i < 12; i++) {
            request.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");

        RawHttp.Answer answer = RawHttp.exchange(port, request.toString());

        assertRawProblem(answer, 413, "urn:dbaas:problem:body-too-large");
        assertThat(answer.text()).doesNotContain(apiKey, cluster.masterKey());
        assertNothingReachedTheCluster();
    }

    @Test
    void aChunkedBodyWithinTheLimitArrivesWhole() {
        String chunk = "z".repeat(8 * 1024);
        String request = head("POST /collections/docs/points HTTP/1.1", "Transfer-Encoding: chunked")
                + (Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").repeat(4)
                + "0\r\n\r\n";

        RawHttp.Answer answer = RawHttp.exchange(port, request);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(UPSTREAM_A.received()).singleElement().satisfies(received -> assertThat(received.body())
                .hasSize(4 * chunk.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE /collections HTTP/1.1", "CONNECT /collections HTTP/1.1"})
    void connectAndTraceAreRefusedWith405AndNeverReachTheCluster(String requestLine) {
        RawHttp.Answer answer = RawHttp.exchange(port, head(requestLine));

        assertRawProblem(answer, 405, "urn:dbaas:problem:method-not-allowed");
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        assertNothingReachedTheCluster();
    }

    /** A cluster's server cuts the path at '#': the read-only check and the cluster would judge different paths. */
    @Test
    void aTargetWithAFragmentIsRefusedWith400AndNeverReachesTheCluster() {
        RawHttp.Answer answer =
                RawHttp.exchange(port, head("POST /collections/aliases#/points/search HTTP/1.1", "Content-Length: 0"));

        assertRawProblem(answer, 400, "urn:dbaas:problem:malformed-request");
        assertNothingReachedTheCluster();
    }

    /** Only a final chunked coding says where a body ends; anything else could be read as a second request. */
    @Test
    void aTransferCodingThatDoesNotEndInChunkedIsRefusedWith400AndNothingIsSmuggled() {
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: " + cluster.host() + "\r\napi-key: " + apiKey + "\r\n\r\n";

        RawHttp.Answer answer = RawHttp.exchange(
                port, head("POST /collections/docs/points HTTP/1.1", "Transfer-Encoding: gzip") + smuggled);

        assertRawProblem(answer, 400, "urn:dbaas:problem:malformed-request");
        assertNothingReachedTheCluster();
    }

    /** A refused client must not be able to go on streaming a body GateKeeper would only throw away. */
    @Test
    void aRefusedRequestWithABodyIsAnsweredOnAConnectionThatIsThenClosed() {
        String request = "POST /collections/docs/points HTTP/1.1\r\n"
                + "Host: " + cluster.host() + "\r\n"
                + "api-key: dbk_wrong\r\n"
                + "Content-Length: 60000\r\n\r\n"
                + "x".repeat(1000);

        RawHttp.Answer answer = RawHttp.exchange(port, request);

        assertRawProblem(answer, 401, "urn:dbaas:problem:unauthenticated");
        assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        assertNothingReachedTheCluster();
    }

    /**
     * What curl does for bodies over a size: it sends the headers with {@code Expect: 100-continue} and waits for the
     * interim answer before the body. The interim answer must come from GateKeeper, and the final one be the cluster's.
     */
    @Test
    void aClientThatExpectsOneHundredContinueIsToldToGoOnAndItsBodyArrivesWhole() throws IOException {
        String body = "{\"points\":[" + "1,".repeat(2000) + "1]}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head(
                            "PUT /collections/docs/points HTTP/1.1",
                            "Content-Type: application/json",
                            "Content-Length: " + body.length(),
                            "Expect: 100-continue")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(readHead(in)).startsWith("HTTP/1.1 100");

            out.write(body.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String finalAnswer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(finalAnswer).startsWith("HTTP/1.1 200").endsWith("answered by upstream-a");
        }
        assertThat(UPSTREAM_A.received()).singleElement().satisfies(received -> assertThat(received.body())
                .isEqualTo(body));
    }

    /** Reads a response head, up to and including its empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }

    @Test
    void aClientThatStallsInTheMiddleOfItsBodyLosesTheConnectionAndTheClusterNeverGetsAWholeRequest()
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("POST /collections/docs/points HTTP/1.1", "Content-Length: 10")
                    .concat("abc")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long started = System.nanoTime();

            InputStream in = socket.getInputStream();
            byte[] whatever = in.readAllBytes();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // Closed after the read timeout (1 s), well before the upstream's own response timeout would matter.
            assertThat(waited).isLessThan(Duration.ofSeconds(5));
            assertThat(new String(whatever, StandardCharsets.ISO_8859_1)).doesNotContain("answered by");
        }
        assertNothingReachedTheCluster();
    }

    @Test
    void forwardingHeadersFromAnUntrustedClientNeverReachTheCluster() {
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", apiKey)
                .header("X-Forwarded-For", "203.0.113.66")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "443")
                .header("Forwarded", "for=203.0.113.66;host=evil.example;proto=https")
                .header("X-Real-IP", "203.0.113.66")
                .exchange()
                .expectStatus()
                .isOk();

        Received received = UPSTREAM_A.received().getFirst();
        // GateKeeper's own statements, from the socket: the test client is on loopback, over plain HTTP.
        assertThat(received.header("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(received.header("X-Forwarded-Proto")).containsExactly("http");
        assertThat(received.header("Forwarded")).isEmpty();
        assertThat(received.header("X-Forwarded-Host")).isEmpty();
        assertThat(received.header("X-Forwarded-Port")).isEmpty();
        assertThat(received.header("X-Real-IP")).isEmpty();
        assertThat(received.headers().toString()).doesNotContain("203.0.113.66", "evil.example");
    }

    /** A request head for the test's cluster, with its key, asking the server to close after answering. */
    private String head(String requestLine, String... extraHeaders) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        head.append("Host: ").append(cluster.host()).append("\r\n");
        head.append("api-key: ").append(apiKey).append("\r\n");
        head.append("Connection: close\r\n");
        for (String header : extraHeaders) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static void assertRawProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.text().toLowerCase()).contains("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    private static void assertNothingReachedTheCluster() {
        assertThat(UPSTREAM_A.received()).isEmpty();
    }
}

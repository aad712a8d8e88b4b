package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import io.dbaas.orion.support.RawHttp;
import io.dbaas.orion.support.RawHttp.Exchange;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request is bounded before it costs anything: its body is read up to {@code orion.requests.max-body-size} (64 KiB)
 * and no further, and Jackson refuses strings, names, nesting and numbers past their limits. Refusals say what the
 * limit is, never what was sent.
 */
class RequestLimitsTests extends LifecycleIntegrationTests {

    @Autowired
    JsonMapper json;

    private static final long HUNDRED_MEGABYTES = 100L * 1024 * 1024;

    /** What a client can push at most once Orion stops reading: socket buffers and Tomcat's swallowing, not 100 MB. */
    private static final long MOST_A_REFUSED_CLIENT_SENDS = 32L * 1024 * 1024;

    @Test
    void aBodyAnnouncedLargerThanTheLimitIsRefusedBeforeAByteOfItIsSent() {
        Exchange exchange = new RawHttp(port)
                .send(head("POST", "/v1/clusters", account.adminToken()) + "\r\nContent-Length: " + HUNDRED_MEGABYTES);

        assertThat(exchange.status()).isEqualTo(413);
        assertThat(exchange.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(exchange.body())
                .contains("\"type\":\"urn:dbaas:problem:payload-too-large\"")
                .contains("65536 bytes");
    }

    @Test
    void aChunkedBodyIsReadUpToTheLimitOnly() {
        Exchange exchange = new RawHttp(port)
                .sendChunked(head("POST", "/v1/clusters", account.adminToken()), "{\"name\": ", HUNDRED_MEGABYTES);

        assertThat(exchange.status()).isEqualTo(413);
        assertThat(exchange.body()).contains("urn:dbaas:problem:payload-too-large");
        assertThat(exchange.bodyBytesSent()).isLessThan(MOST_A_REFUSED_CLIENT_SENDS);
    }

    @Test
    void aBodyAtTheLimitIsRead() {
        String claim = Claims.VALID + " ".repeat(64 * 1024 - Claims.VALID.getBytes().length);

        assertThat(post("/v1/clusters", claim).status()).isEqualTo(202);
        assertThat(post("/v1/clusters", claim + " ").status()).isEqualTo(413);
    }

    @Test
    void concurrentHugeClaimsLeaveMemoryBoundedAndTheRelayAndListenersWorking() throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        var highest = new AtomicLong(before);
        var flooding = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (flooding.get()) {
                highest.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                Thread.onSpinWait();
            }
        });
        List<Exchange> exchanges;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<Exchange>> claims = IntStream.range(0, 8)
                    .<Callable<Exchange>>mapToObj(i -> () -> new RawHttp(port)
                            .sendChunked(
                                    head("POST", "/v1/clusters", account.adminToken()),
                                    "{\"name\": ",
                                    HUNDRED_MEGABYTES))
                    .toList();
            exchanges = clients.invokeAll(claims).stream()
                    .map(RequestLimitsTests::result)
                    .toList();
        } finally {
            flooding.set(false);
            sampler.join();
        }

        assertThat(exchanges).allSatisfy(exchange -> {
            assertThat(exchange.status()).isEqualTo(413);
            assertThat(exchange.bodyBytesSent()).isLessThan(MOST_A_REFUSED_CLIENT_SENDS);
        });
        assertThat(highest.get() - before)
                .as("heap grown while 800 MB were offered")
                .isLessThan(256L * 1024 * 1024);

        Response claimed = post("/v1/clusters", Claims.VALID);
        assertThat(claimed.status()).isEqualTo(202);
        UUID id = UUID.fromString(claimed.json().get("id").asString());
        UUID creation = operationIdOf(claimed);
        assertThat(nebula.command(id, creation).id()).as("the relay publishes").isEqualTo(creation);
        nebula.provisioned(id, creation, 3);
        assertThat(awaitState(id, "RUNNING").get("nodes_ready").asInt())
                .as("the listeners read Nebula's events")
                .isEqualTo(3);
    }

    @Test
    void aStringLongerThanTheParserTakesIsRefusedWithoutBeingQuoted() {
        String name = "a".repeat(10_000);

        Response refused = post("/v1/clusters", Claims.VALID.replace("\"vectors\"", "\"" + name + "\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
        assertThat(refused.body()).doesNotContain("aaaaaaaaaaaaaaaa").hasSizeLessThan(1024);
    }

    @Test
    void aPropertyNameLongerThanTheParserTakesIsRefusedWithoutBeingQuoted() {
        String name = "b".repeat(1_000);

        Response refused = post("/v1/clusters", "{\"" + name + "\": 1}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("bbbbbbbbbbbbbbbb").hasSizeLessThan(1024);
    }

    /** No API body binds nested values today, so the parser is asked directly: the limit holds for what may come. */
    @Test
    void deepNestingIsRefusedByTheParser() {
        String deep = "{\"name\": " + "[".repeat(100) + "]".repeat(100) + "}";

        assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThat(json.readTree("{\"name\": " + "[".repeat(30) + "]".repeat(30) + "}"))
                .isNotNull();
    }

    @Test
    void aNumberLongerThanTheParserTakesIsRefused() {
        Response refused = post("/v1/clusters", Claims.VALID.replace("\"nodes\": 3", "\"nodes\": 3" + "0".repeat(100)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
        assertThat(refused.json().get("detail").asString()).contains("parser's limits");
        assertThat(refused.body()).doesNotContain("0000000000");
    }

    private String head(String method, String path, String token) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json";
    }

    private static Exchange result(Future<Exchange> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

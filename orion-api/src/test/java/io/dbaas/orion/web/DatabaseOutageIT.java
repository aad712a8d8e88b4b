package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.ClientAddresses;
import io.dbaas.orion.support.OrionIntegrationTests.Response;
import io.dbaas.orion.support.OutageIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

/** PostgreSQL stops while Orion runs: callers are told to come back later, and Orion serves again once it is back. */
class DatabaseOutageIT extends OutageIntegrationTests {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    WebApplicationContext application;

    @Test
    void callersGet503WithRetryAfterWhileTheDatabaseIsDownAndSucceedOnceItIsBack() {
        String cluster = post("/v1/clusters", Claims.VALID).json().get("id").asString();
        String state = clusterState(cluster);

        stopDatabase();

        Instant asked = Instant.now();
        Response claim = post("/v1/clusters", Claims.VALID);
        Duration answeredWithin = Duration.between(asked, Instant.now());
        assertServiceUnavailable(claim);
        assertThat(answeredWithin).as("answered quickly, not after a long wait").isLessThan(Duration.ofSeconds(5));
        assertServiceUnavailable(get("/v1/clusters/" + cluster));
        assertServiceUnavailable(get("/v1/clusters"));
        assertServiceUnavailable(patch("/v1/clusters/" + cluster, "{\"nodes\": 5}"));
        assertServiceUnavailable(delete("/v1/clusters/" + cluster));
        assertThat(management("/actuator/health/readiness").status())
                .as("out of the Service while the database is away")
                .isEqualTo(503);
        assertThat(management("/actuator/health/liveness").status())
                .as("alive: a restart would not bring the database back")
                .isEqualTo(200);

        startDatabase();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> post("/v1/clusters", Claims.VALID).status() == 202);
        Response after = get("/v1/clusters/" + cluster);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().get("state").asString())
                .as("neither the change nor the deletion refused during the outage happened")
                .isEqualTo(state);
        assertThat(after.json().get("nodes").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> management("/actuator/health/readiness").status() == 200);
    }

    @Test
    void aTokenThatCannotBeCheckedIsNotCalledInvalid() {
        stopDatabase();

        Response response = get("/v1/clusters");

        assertThat(response.status())
                .as("a valid token while the credentials cannot be read: 503, not 401")
                .isEqualTo(503);
        assertThat(response.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void anAddressThatUsedUpItsFailedAuthenticationsIsRefusedWithoutTheDatabase() {
        var clients = new ClientAddresses(application);
        String guesser = ClientAddresses.unused();
        for (int i = 0; i < 20; i++) {
            assertThat(clients.from(
                                    guesser,
                                    ManagementToken.generate(UUID.randomUUID()).value())
                            .get("/v1/clusters")
                            .getStatus())
                    .isEqualTo(401);
        }

        stopDatabase();

        assertThat(clients.from(guesser, adminToken).get("/v1/clusters").getStatus())
                .as("refused before the token is looked up: no database needed")
                .isEqualTo(429);
        assertThat(clients.from(ClientAddresses.unused(), adminToken)
                        .get("/v1/clusters")
                        .getStatus())
                .as("the same token from another address must be looked up")
                .isEqualTo(503);
    }

    @Test
    void statusEventSentWhileTheDatabaseIsDownIsAppliedOnceItIsBack() {
        String cluster = post("/v1/clusters", Claims.VALID).json().get("id").asString();
        stopDatabase();

        var failed = new ClusterFailed(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.fromString(cluster),
                "sent while Orion's database was away");
        kafka.send(Topics.CLUSTER_EVENTS, cluster, codec.write(failed)).join();
        // Long enough for the listener to meet the outage and retry a few times.
        Instant later = Instant.now().plusSeconds(4);
        await().atMost(Duration.ofSeconds(6)).until(() -> Instant.now().isAfter(later));
        startDatabase();

        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "FAILED".equals(clusterState(cluster)));
    }

    private String clusterState(String cluster) {
        Response response = get("/v1/clusters/" + cluster);
        return response.status() == 200 ? response.json().get("state").asString() : "unknown";
    }

    private void assertServiceUnavailable(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).matches("[1-9][0-9]*");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:service-unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.propertyNames()).containsOnly("type", "title", "status", "detail", "instance");
        assertThat(response.body())
                .doesNotContainIgnoringCase("postgres")
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("hikari")
                .doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("connection");
    }
}

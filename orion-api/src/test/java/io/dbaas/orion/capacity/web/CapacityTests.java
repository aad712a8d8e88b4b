package io.dbaas.orion.capacity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;

/**
 * Regions hold what they are sized for: claims that do not fit wait, and are provisioned oldest first when an operator
 * adds capacity or a failed cluster frees its share. Every claim here asks for 3 nodes of 500m CPU, 1Gi memory and
 * 10Gi disk: 1500m CPU, 3Gi memory and 30Gi disk in all.
 */
class CapacityTests extends OrionIntegrationTests {

    /** Room for exactly {@code n} claims of {@link Claims#in}. */
    static String roomFor(int n) {
        return """
                {"cpu": "%dm", "memory": "%dGi", "disk": "%dGi"}""".formatted(1500 * n, 3 * n, 30 * n);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MasterKeyCipher cipher;

    String region;

    @BeforeEach
    void takeARegion() {
        region = Regions.unused();
    }

    @Test
    void configuredCapacityIsWhatTheOperatorReads() {
        Response response = as(OPERATOR_TOKEN).get("/v1/providers/minikube/regions/local/capacity");

        assertThat(response.status()).isEqualTo(200);
        JsonNode capacity = response.json();
        assertThat(capacity.get("provider").asString()).isEqualTo("minikube");
        assertThat(capacity.get("region").asString()).isEqualTo("local");
        assertThat(capacity.get("capacity").get("cpu").asString()).isEqualTo("100000");
        assertThat(capacity.get("capacity").get("memory").asString()).isEqualTo("1000Pi");
        assertThat(capacity.get("set_by").asString()).isEqualTo("configuration");
    }

    @Test
    void regionLeftOutOfTheConfigurationHoldsNothing() {
        JsonNode capacity = capacity().json();

        assertThat(capacity.get("capacity").get("cpu").asString()).isEqualTo("0");
        assertThat(capacity.get("available").get("disk").asString()).isEqualTo("0");
        assertThat(capacity.get("claims_waiting").asLong()).isZero();
    }

    @Test
    void operatorSizesARegionAndReadsItBack() {
        Response sized = resize("""
                {"cpu": "12", "memory": "48Gi", "disk": "1536Gi"}""");

        assertThat(sized.status()).isEqualTo(200);
        JsonNode capacity = capacity().json();
        assertThat(capacity.get("capacity").get("cpu").asString()).isEqualTo("12");
        assertThat(capacity.get("capacity").get("memory").asString()).isEqualTo("48Gi");
        assertThat(capacity.get("capacity").get("disk").asString()).isEqualTo("1536Gi");
        assertThat(capacity.get("set_by").asString()).isEqualTo("operator");
    }

    @Test
    void onlyTheOperatorReadsOrSizesCapacity() {
        String path = "/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity";

        assertThat(get(path).status()).as("an account's admin").isEqualTo(403);
        assertThat(as(credential("viewer")).get(path).status()).isEqualTo(403);
        assertThat(as(account.adminToken()).put(path, roomFor(1)).status()).isEqualTo(403);
        assertThat(anonymous().put(path, roomFor(1)).status()).isEqualTo(401);
        assertThat(capacity().json().get("set_by").asString()).isEqualTo("configuration");
    }

    @Test
    void badCapacityIsAProblemNamingEveryFieldAtFault() {
        Response response = resize("""
                {"cpu": "lots", "disk": "10Gi"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("cpu", "memory");
        assertThat(capacity().json().get("set_by").asString()).as("unchanged").isEqualTo("configuration");
    }

    @Test
    void unknownFieldOrRegionIsAProblem() {
        Response unknownField = resize("""
                {"cpu": "1", "memory": "1Gi", "disk": "1Gi", "gpu": "1"}""");
        Response unknownRegion = as(OPERATOR_TOKEN).put("/v1/providers/minikube/regions/mars/capacity", roomFor(1));

        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("errors").findValuesAsString("field"))
                .containsExactly("gpu");
        assertThat(unknownRegion.status()).isEqualTo(404);
        assertThat(unknownRegion.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownRegion.json().get("type").asString()).isEqualTo("urn:dbaas:problem:region-not-found");
    }

    @Test
    void claimThatFitsIsAllocatedAndProvisioned() {
        resize(roomFor(2));

        Response claimed = claim();

        assertThat(claimed.status()).isEqualTo(202);
        assertThat(claimed.json().get("state").asString()).isEqualTo("PENDING");
        UUID id = id(claimed);
        assertThat(allocated(id)).isTrue();
        assertThat(commandsFor(id)).isEqualTo(1);
        JsonNode capacity = capacity().json();
        assertThat(capacity.get("allocated").get("cpu").asString()).isEqualTo("1500m");
        assertThat(capacity.get("allocated").get("memory").asString()).isEqualTo("3Gi");
        assertThat(capacity.get("available").get("disk").asString()).isEqualTo("30Gi");
    }

    @Test
    void claimThatDoesNotFitIsAcceptedToWaitWithAReasonAndNoCommand() {
        resize(roomFor(1));
        claim();

        Response waiting = claim();

        assertThat(waiting.status()).isEqualTo(202);
        assertThat(waiting.header("Location")).isEqualTo("/v1/clusters/" + id(waiting));
        assertThat(waiting.json().get("state").asString()).isEqualTo("WAITING_FOR_CAPACITY");
        assertThat(waiting.json().get("reason").asString())
                .contains(Regions.PROVIDER + "/" + region)
                .contains("1500m CPU, 3Gi memory and 30Gi disk");
        assertThat(allocated(id(waiting))).isFalse();
        assertThat(commandsFor(id(waiting))).isZero();
        assertThat(get("/v1/clusters?state=waiting_for_capacity")
                        .json()
                        .get("items")
                        .findValuesAsString("id"))
                .containsExactly(id(waiting).toString());
        assertThat(capacity().json().get("claims_waiting").asLong()).isEqualTo(1);
    }

    @Test
    void addedCapacityProvisionsWaitingClaimsOldestFirst() {
        UUID oldest = id(claim());
        UUID middle = id(claim());
        UUID youngest = id(claim());

        Response sized = resize(roomFor(2));

        assertThat(sized.json().get("claims_waiting").asLong()).isEqualTo(1);
        assertThat(state(oldest)).isEqualTo("PENDING");
        assertThat(state(middle)).isEqualTo("PENDING");
        assertThat(state(youngest)).isEqualTo("WAITING_FOR_CAPACITY");
        assertThat(commandsFor(youngest)).isZero();
        ProvisionDBCluster command = publishedProvisionCommand(oldest);
        assertThat(command.cloudRegion()).isEqualTo(region);
        assertThat(command.dbConfiguration().numNodes()).isEqualTo(3);
    }

    @Test
    void youngerClaimNeverOvertakesAnOlderOneThatWaits() {
        resize(roomFor(1));
        UUID big =
                id(post("/v1/clusters", Claims.in(Regions.PROVIDER, region).replace("\"nodes\": 3", "\"nodes\": 6")));

        Response small = claim();

        assertThat(state(big)).isEqualTo("WAITING_FOR_CAPACITY");
        assertThat(small.json().get("state").asString())
                .as("it would fit, but an older claim waits")
                .isEqualTo("WAITING_FOR_CAPACITY");
        assertThat(small.json().get("reason").asString()).contains("1 earlier claim(s) wait");
    }

    @Test
    void failedClusterFreesItsShareForTheOldestWaitingClaim() {
        resize(roomFor(1));
        UUID running = id(claim());
        UUID waiting = id(claim());
        assertThat(state(waiting)).isEqualTo("WAITING_FOR_CAPACITY");

        publish(new ClusterFailed(
                UUID.randomUUID(), Instant.now(), metadata(), running, "The nodes never became ready."));

        await().atMost(Duration.ofSeconds(20)).until(() -> state(waiting).equals("PENDING"));
        assertThat(state(running)).isEqualTo("FAILED");
        assertThat(allocated(running)).isFalse();
        assertThat(allocated(waiting)).isTrue();
        assertThat(publishedProvisionCommand(waiting).clusterId()).isEqualTo(waiting);
    }

    @Test
    void clusterRunningAfterAReportedFailureHoldsItsShareAgain() {
        resize(roomFor(1));
        UUID cluster = id(claim());
        publish(new ClusterFailed(UUID.randomUUID(), Instant.now(), metadata(), cluster, "Reported too early."));
        await().atMost(Duration.ofSeconds(20)).until(() -> !allocated(cluster));

        publish(cipher.eventAuthentication()
                .sign(new ClusterProvisioned(
                        UUID.randomUUID(),
                        Instant.now(),
                        metadata(),
                        cluster,
                        Engine.QDRANT,
                        cluster + "." + region + "." + Regions.PROVIDER + ".dbaas.localhost",
                        new ServiceAddress("http", "qdrant.dbaas-" + cluster + ".svc.cluster.local", 6333),
                        cipher.seal(cluster, "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A"),
                        3,
                        null)));

        await().atMost(Duration.ofSeconds(20)).until(() -> state(cluster).equals("RUNNING"));
        assertThat(allocated(cluster)).isTrue();
        assertThat(capacity().json().get("allocated").get("cpu").asString()).isEqualTo("1500m");
    }

    private void publish(Message event) {
        kafka.send(Topics.CLUSTER_EVENTS, event.clusterId().toString(), codec.write(event))
                .join();
    }

    private static MessageMetadata metadata() {
        return MessageMetadata.startingChain(UUID.randomUUID());
    }

    private Response claim() {
        return post("/v1/clusters", Claims.in(Regions.PROVIDER, region));
    }

    private Response resize(String json) {
        return as(OPERATOR_TOKEN).put("/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity", json);
    }

    private Response capacity() {
        return as(OPERATOR_TOKEN).get("/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity");
    }

    private String state(UUID id) {
        return get("/v1/clusters/" + id).json().get("state").asString();
    }

    private boolean allocated(UUID id) {
        return jdbc.sql("select count(*) from resource_claims where cluster_id = :id and allocated_at is not null")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private long commandsFor(UUID id) {
        return jdbc.sql("select count(*) from outbox_messages where message_key = :id")
                .param("id", id.toString())
                .query(Long.class)
                .single();
    }

    private ProvisionDBCluster publishedProvisionCommand(UUID id) {
        var record = io.dbaas.orion.support.Topics.firstWithKey(
                        broker, Topics.CLUSTER_COMMANDS, id.toString(), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no command published for cluster " + id));
        return (ProvisionDBCluster) codec.read(record.value(), ClusterCommand.class);
    }

    private static UUID id(Response response) {
        if (response.status() != 202) {
            throw new AssertionError("claim not accepted: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.json().get("id").asString());
    }
}

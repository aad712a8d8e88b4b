package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Topics;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;

class ClusterClaimTests extends OrionIntegrationTests {

    static final String VALID_CLAIM = Claims.VALID;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Test
    void validClaimIsAcceptedAtOnceAndItsCommandPublishedKeyedByCluster() {
        Response response = post("/v1/clusters", VALID_CLAIM);

        assertThat(response.status()).isEqualTo(202);
        JsonNode cluster = response.json();
        String id = cluster.get("id").asString();
        assertThat(response.header("Location")).isEqualTo("/v1/clusters/" + id);
        assertThat(cluster.get("state").asString()).isEqualTo("PENDING");
        assertThat(cluster.get("endpoint").asString()).isEqualTo(id + ".local.minikube.dbaas.localhost");
        assertThat(cluster.get("node_resources").get("memory").asString()).isEqualTo("1Gi");

        ConsumerRecord<String, byte[]> record = Topics.firstWithKey(
                        broker, io.dbaas.contracts.Topics.CLUSTER_COMMANDS, id, Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no command published for cluster " + id));
        var command = (ProvisionDBCluster) codec.read(record.value(), ClusterCommand.class);
        assertThat(command.clusterId()).isEqualTo(UUID.fromString(id));
        assertThat(command.engine()).isEqualTo(Engine.QDRANT);
        assertThat(command.clusterVersion()).isEqualTo("1.18.3");
        assertThat(command.cloudProvider()).isEqualTo("minikube");
        assertThat(command.cloudRegion()).isEqualTo("local");
        assertThat(command.dbConfiguration().numNodes()).isEqualTo(3);
        assertThat(command.dbConfiguration().clusterEndpoint())
                .isEqualTo(cluster.get("endpoint").asString());
        assertThat(command.dbConfiguration().nodeConfiguration().cpu()).isEqualTo("500m");
        assertThat(command.dbConfiguration().nodeConfiguration().disk()).isEqualTo("10Gi");
    }

    @Test
    void elasticsearchIsOfferedWithItsOwnVersions() {
        Response response = post("/v1/clusters", Claims.ELASTICSEARCH);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("engine").asString()).isEqualTo("elasticsearch");
        assertThat(response.json().get("version").asString()).isEqualTo("8.19.21");
    }

    @Test
    void claimedClusterCanBeReadBack() {
        String id = post("/v1/clusters", VALID_CLAIM.replace("\"version\": \"1.18.3\",", ""))
                .json()
                .get("id")
                .asString();

        Response response = get("/v1/clusters/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("vectors");
        assertThat(response.json().get("version").asString())
                .as("the engine's default version")
                .isEqualTo("1.19.0");
        assertThat(response.json().get("state").asString()).isEqualTo("PENDING");
        assertThat(response.json().get("reason").asString()).isNotBlank();
    }

    static Stream<Arguments> invalidClaims() {
        return Stream.of(
                Arguments.of(
                        "unknown field",
                        VALID_CLAIM.replace("\"nodes\": 3", "\"nodes\": 3, \"replicas\": 2"),
                        "replicas"),
                Arguments.of("wrong type", VALID_CLAIM.replace("\"nodes\": 3", "\"nodes\": \"three\""), "nodes"),
                Arguments.of("fraction of a node", VALID_CLAIM.replace("\"nodes\": 3", "\"nodes\": 2.5"), "nodes"),
                Arguments.of("no nodes", VALID_CLAIM.replace("\"nodes\": 3", "\"nodes\": 0"), "nodes"),
                Arguments.of("too many nodes", VALID_CLAIM.replace("\"nodes\": 3", "\"nodes\": 11"), "nodes"),
                Arguments.of("missing field", VALID_CLAIM.replace("\"nodes\": 3,", ""), "nodes"),
                Arguments.of("cpu not a quantity", VALID_CLAIM.replace("\"500m\"", "\"lots\""), "cpu"),
                Arguments.of("cpu too small", VALID_CLAIM.replace("\"500m\"", "\"100m\""), "cpu"),
                Arguments.of("memory too large", VALID_CLAIM.replace("\"1Gi\"", "\"1Ti\""), "memory"),
                Arguments.of("disk not a quantity", VALID_CLAIM.replace("\"10Gi\"", "\"10 GB\""), "disk"),
                Arguments.of("unknown engine", VALID_CLAIM.replace("\"qdrant\"", "\"mongodb\""), "engine"),
                Arguments.of(
                        "version of another engine", VALID_CLAIM.replace("\"qdrant\"", "\"elasticsearch\""), "version"),
                Arguments.of("unknown version", VALID_CLAIM.replace("\"1.18.3\"", "\"0.1.0\""), "version"),
                Arguments.of("unknown provider", VALID_CLAIM.replace("\"minikube\"", "\"aws\""), "provider"),
                Arguments.of("unknown region", VALID_CLAIM.replace("\"local\"", "\"eu-west-1\""), "region"),
                Arguments.of("name not DNS-safe", VALID_CLAIM.replace("\"vectors\"", "\"My Vectors!\""), "name"),
                Arguments.of("blank name", VALID_CLAIM.replace("\"vectors\"", "\"  \""), "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidClaims")
    void invalidClaimIsRefusedNamingTheFieldAndChangesNothing(String why, String claim, String field) {
        long clustersBefore = count("clusters");
        long commandsBefore = count("outbox_messages");

        Response response = post("/v1/clusters", claim);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).startsWith("urn:dbaas:problem:");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        assertThat(count("clusters")).isEqualTo(clustersBefore);
        assertThat(count("outbox_messages")).isEqualTo(commandsBefore);
    }

    @Test
    void bodyThatIsNotJsonIsAProblem() {
        Response response = post("/v1/clusters", "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
    }

    @Test
    void everyFieldAtFaultIsNamedAtOnce() {
        Response response = post(
                "/v1/clusters",
                VALID_CLAIM.replace("\"nodes\": 3", "\"nodes\": 0").replace("\"local\"", "\"mars\""));

        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("nodes", "region");
    }

    @Test
    void unknownClusterIsNotFound() {
        Response missing = get("/v1/clusters/" + UUID.randomUUID());
        Response notAnId = get("/v1/clusters/not-a-uuid");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-found");
        assertThat(notAnId.status()).isEqualTo(404);
        assertThat(notAnId.header("Content-Type")).startsWith("application/problem+json");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}

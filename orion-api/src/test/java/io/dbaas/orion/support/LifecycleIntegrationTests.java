package io.dbaas.orion.support;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.security.MasterKeyCipher;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;

/** What the lifecycle tests share: running clusters made through the real broker, and ways to read what changed. */
public abstract class LifecycleIntegrationTests extends OrionIntegrationTests {

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @Autowired
    MasterKeyCipher cipher;

    protected Nebula nebula;

    @BeforeEach
    void playNebula() {
        nebula = new Nebula(kafka, broker, codec, cipher);
    }

    /** A cluster claimed with {@code claim} and reported provisioned by Nebula, its creation succeeded. */
    protected UUID runningCluster(String claim) {
        Response claimed = post("/v1/clusters", claim);
        if (claimed.status() != 202) {
            throw new AssertionError("claim not accepted: " + claimed.status() + " " + claimed.body());
        }
        UUID id = UUID.fromString(claimed.json().get("id").asString());
        int nodes = claimed.json().get("nodes").asInt();
        nebula.provisioned(id, operationIdOf(claimed), nodes);
        awaitState(id, "RUNNING");
        return id;
    }

    protected UUID runningCluster() {
        return runningCluster(Claims.VALID);
    }

    protected JsonNode cluster(UUID id) {
        return get("/v1/clusters/" + id).json();
    }

    protected String state(UUID id) {
        return cluster(id).get("state").asString();
    }

    protected JsonNode awaitState(UUID id, String state) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> cluster(id), json -> state.equals(json.get("state").asString()));
    }

    protected JsonNode operation(UUID id) {
        return get("/v1/operations/" + id).json();
    }

    protected JsonNode awaitOperationState(UUID id, String state) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> operation(id),
                        json -> state.equals(json.get("state").asString()));
    }

    /** The operation a 202 answered with: the body's own id, or its {@code operation}'s for a claim. */
    protected static UUID operationIdOf(Response accepted) {
        if (accepted.status() != 202) {
            throw new AssertionError("not accepted: " + accepted.status() + " " + accepted.body());
        }
        JsonNode body = accepted.json();
        JsonNode operation = body.has("operation") ? body.get("operation") : body;
        return UUID.fromString(operation.get("id").asString());
    }

    /** Commands written to the outbox for the cluster, published or not. */
    protected long commandsFor(UUID clusterId) {
        return jdbc.sql("select count(*) from outbox_messages where message_key = :id")
                .param("id", clusterId.toString())
                .query(Long.class)
                .single();
    }

    protected long operationsOf(UUID clusterId) {
        return jdbc.sql("select count(*) from operations where cluster_id = :id")
                .param("id", clusterId)
                .query(Long.class)
                .single();
    }

    /** Sizes a region of the test provider through the operator's API. */
    protected void sizeRegion(String region, String cpu, String memory, String disk) {
        Response sized = as(OPERATOR_TOKEN)
                .put("/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity", """
                        {"cpu": "%s", "memory": "%s", "disk": "%s"}""".formatted(
                                cpu, memory, disk));
        if (sized.status() != 200) {
            throw new AssertionError("could not size " + region + ": " + sized.status() + " " + sized.body());
        }
    }

    protected JsonNode capacity(String region) {
        return as(OPERATOR_TOKEN)
                .get("/v1/providers/" + Regions.PROVIDER + "/regions/" + region + "/capacity")
                .json();
    }
}

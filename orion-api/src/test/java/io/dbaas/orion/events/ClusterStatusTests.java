package io.dbaas.orion.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.nio.charset.StandardCharsets;
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

/** Nebula's events, sent through the real broker, drive what clients read. */
class ClusterStatusTests extends OrionIntegrationTests {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    MasterKeyCipher cipher;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    UUID clusterId;
    MessageMetadata metadata;

    @BeforeEach
    void claimACluster() {
        clusterId = UUID.fromString(
                post("/v1/clusters", Claims.VALID).json().get("id").asString());
        metadata = MessageMetadata.startingChain(UUID.randomUUID());
    }

    @Test
    void clusterGoesFromProvisioningToRunningWithItsNodesReady() {
        publish(new ClusterProvisioningStarted(UUID.randomUUID(), Instant.now(), metadata, clusterId));
        awaitState("PROVISIONING");

        publish(provisioned(UUID.randomUUID()));
        JsonNode cluster = awaitState("RUNNING");

        assertThat(cluster.get("nodes_ready").asInt()).isEqualTo(3);
        assertThat(cluster.get("reason").asString()).contains("3 of 3");
        assertThat(cluster.toString()).doesNotContain("v1.").doesNotContainIgnoringCase("master");
    }

    @Test
    void aClusterProvisionedEventWithoutNebulasTagOrWithAnAlteredOneChangesNothing() {
        publish(new ClusterProvisioningStarted(UUID.randomUUID(), Instant.now(), metadata, clusterId));
        awaitState("PROVISIONING");
        ClusterProvisioned genuine = provisioned(UUID.randomUUID());
        ClusterProvisioned unsigned = new ClusterProvisioned(
                UUID.randomUUID(),
                genuine.createdAt(),
                genuine.metadata(),
                genuine.clusterId(),
                genuine.engine(),
                genuine.clusterEndpoint(),
                genuine.internalAddress(),
                genuine.sealedMasterKey(),
                genuine.nodesReady(),
                genuine.upstreamCaCertificate());
        ClusterProvisioned altered = unsigned.withAuthenticationTag(genuine.authenticationTag());

        publish(unsigned);
        publish(altered);
        UUID marker = UUID.randomUUID();
        publish(new ClusterProvisioningStarted(marker, Instant.now(), metadata, clusterId));
        awaitProcessed(marker);

        assertThat(get("/v1/clusters/" + clusterId).json().get("state").asString())
                .isEqualTo("PROVISIONING");
        assertThat(processed(unsigned.id())).isZero();
        assertThat(processed(altered.id())).isZero();
    }

    @Test
    void failureIsShownWithItsReason() {
        String reason = "The Kubernetes API of minikube/local (https://192.168.49.2:8443) is unreachable.";

        publish(new ClusterFailed(UUID.randomUUID(), Instant.now(), metadata, clusterId, reason));

        assertThat(awaitState("FAILED").get("reason").asString()).isEqualTo(reason);
    }

    @Test
    void eventWithAMalformedTraceparentIsAppliedAllTheSame() {
        MessageMetadata malformed = metadata.inTrace("not-a-trace", "00-zz-not-a-span-01");

        publish(new ClusterProvisioningStarted(UUID.randomUUID(), Instant.now(), malformed, clusterId));

        awaitState("PROVISIONING");
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        UUID failure = UUID.randomUUID();
        publish(new ClusterFailed(failure, Instant.now(), metadata, clusterId, "first delivery"));
        awaitState("FAILED");
        publish(provisioned(UUID.randomUUID()));
        awaitState("RUNNING");

        publish(new ClusterFailed(failure, Instant.now(), metadata, clusterId, "redelivered"));
        UUID marker = UUID.randomUUID();
        publish(new ClusterProvisioningStarted(marker, Instant.now(), metadata, clusterId));
        awaitProcessed(marker);

        assertThat(get("/v1/clusters/" + clusterId).json().get("state").asString())
                .isEqualTo("RUNNING");
    }

    @Test
    void malformedEventIsParkedAndLaterEventsStillApply() {
        kafka.send(Topics.CLUSTER_EVENTS, clusterId.toString(), "{not an event".getBytes(StandardCharsets.UTF_8));

        publish(new ClusterFailed(UUID.randomUUID(), Instant.now(), metadata, clusterId, "after the poison"));

        awaitState("FAILED");
        assertThat(io.dbaas.orion.support.Topics.firstWithKey(
                        broker, Topics.CLUSTER_EVENTS_DEAD_LETTER, clusterId.toString(), Duration.ofSeconds(20)))
                .hasValueSatisfying(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .isEqualTo("{not an event"));
    }

    private ClusterProvisioned provisioned(UUID id) {
        return cipher.eventAuthentication()
                .sign(new ClusterProvisioned(
                        id,
                        Instant.now(),
                        metadata,
                        clusterId,
                        Engine.QDRANT,
                        clusterId + ".local.minikube.dbaas.localhost",
                        new ServiceAddress("http", "qdrant.dbaas-" + clusterId + ".svc.cluster.local", 6333),
                        cipher.seal(clusterId, "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A"),
                        3,
                        null));
    }

    private void publish(Message event) {
        kafka.send(Topics.CLUSTER_EVENTS, event.clusterId().toString(), codec.write(event))
                .join();
    }

    private JsonNode awaitState(String state) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> get("/v1/clusters/" + clusterId).json(),
                        json -> state.equals(json.get("state").asString()));
    }

    private long processed(UUID eventId) {
        return jdbc.sql("select count(*) from processed_messages where message_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from processed_messages where message_id = :id")
                                .param("id", eventId)
                                .query(Long.class)
                                .single()
                        == 1);
    }
}

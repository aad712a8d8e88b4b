package io.dbaas.orion.events;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.Nebula;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;

/**
 * Feeds Nebula's events for one claimed cluster through the real broker, at times the test chooses, and reads the
 * cluster's events back through HTTP.
 */
abstract class ClusterEventFeed extends OrionIntegrationTests {

    /** The master key sealed into {@code ClusterProvisioned}: it must never be shown. */
    static final String MASTER_KEY = "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A";

    static final String CA_CERTIFICATE =
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUSecretLookingCa\n-----END CERTIFICATE-----\n";

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MasterKeyCipher cipher;

    @Autowired
    JdbcClient jdbc;

    Nebula nebula;
    UUID clusterId;
    UUID creation;

    @BeforeEach
    void claimACluster() {
        nebula = new Nebula(kafka, broker, codec, cipher);
        JsonNode claimed = post("/v1/clusters", Claims.VALID).json();
        clusterId = UUID.fromString(claimed.get("id").asString());
        creation = UUID.fromString(claimed.get("operation").get("id").asString());
    }

    String eventsPath() {
        return "/v1/clusters/" + clusterId + "/events";
    }

    static MessageMetadata causedBy(@Nullable UUID command) {
        return new MessageMetadata(UUID.randomUUID(), command, null);
    }

    /** A genuine {@code ClusterProvisioned}, signed as Nebula signs it, carrying a sealed key and a CA. */
    ClusterProvisioned provisioned(UUID id, Instant at, @Nullable UUID cause) {
        return cipher.eventAuthentication()
                .sign(new ClusterProvisioned(
                        id,
                        at,
                        causedBy(cause),
                        clusterId,
                        Engine.QDRANT,
                        clusterId + ".local.minikube.dbaas.localhost",
                        new ServiceAddress("https", "qdrant.dbaas-" + clusterId + ".svc.cluster.local", 6333),
                        cipher.seal(clusterId, MASTER_KEY),
                        3,
                        CA_CERTIFICATE));
    }

    /** Publishes the event and waits until Orion has applied it. */
    void deliver(ClusterEvent event) {
        nebula.publish(event);
        awaitProcessed(event.id());
    }

    void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(eventId) == 1);
    }

    long processed(UUID eventId) {
        return jdbc.sql("select count(*) from processed_messages where message_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    long recorded(UUID eventId) {
        return jdbc.sql("select count(*) from cluster_events where id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }
}

package io.dbaas.orion.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Topics;
import io.dbaas.contracts.access.AccessEvent;
import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.support.OrionIntegrationTests.Response;
import io.dbaas.orion.support.OutageIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The broker stops while Orion runs: a key is still revoked at once, and every GateKeeper hears of it once the broker is
 * back, as the announcement waits in the outbox meanwhile.
 */
class RevocationDuringKafkaOutageIT extends OutageIntegrationTests {

    @Autowired
    Clusters clusters;

    @Autowired
    MasterKeyCipher cipher;

    @Test
    void keyRevokedWhileKafkaIsAwayIsAnnouncedOnceItIsBack() {
        UUID cluster = runningCluster();
        String keys = "/v1/clusters/" + cluster + "/api-keys";
        Response issued = post(keys, "{\"name\": \"leaked\", \"scope\": \"read-only\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String keyId = issued.json().get("id").asString();

        stopBroker();

        Response revoked = delete(keys + "/" + keyId);
        assertThat(revoked.status())
                .as("revoked at once, though the broker is away")
                .isEqualTo(204);
        assertThat(get(keys + "/" + keyId).json().get("state").asString()).isEqualTo("revoked");
        assertThat(unpublished(List.of(cluster.toString())))
                .as("the announcement waits in the outbox")
                .isEqualTo(1);

        startBroker();

        List<ConsumerRecord<String, byte[]>> announced =
                readRecords(Topics.ACCESS_EVENTS, List.of(cluster.toString()), 1, Duration.ofSeconds(30));
        assertThat(announced).as("ApiKeyRevoked on " + Topics.ACCESS_EVENTS).hasSize(1);
        assertThat(codec.read(announced.getFirst().value(), AccessEvent.class))
                .isInstanceOfSatisfying(ApiKeyRevoked.class, revocation -> {
                    assertThat(revocation.keyId()).isEqualTo(keyId);
                    assertThat(revocation.clusterId()).isEqualTo(cluster);
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished(List.of(cluster.toString())) == 0);
    }

    /** A cluster of this test's account as Nebula's events leave it: running, with its master key sealed. */
    private UUID runningCluster() {
        UUID id = UUID.randomUUID();
        Cluster cluster =
                Cluster.claim(id, accountId, ClusterCredentialTests.spec(), id + ".local.minikube.test", Instant.now());
        cluster.markRunning(1, cipher.seal(id, ClusterCredentialTests.masterKey()), Instant.now());
        clusters.save(cluster);
        return id;
    }
}

package io.dbaas.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.access.AccessEvent;
import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.EventAuthentication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pins the wire format with golden fixtures: changing one of them is a conscious, reviewed act. */
class WireFormatTest {

    /** Signs the events that carry a route, under a fixed key-encryption key: the tag is part of the wire format. */
    private static final EventAuthentication EVENT_AUTHENTICATION = new EventAuthentication(new byte[32]);

    static final UUID CLUSTER = UUID.fromString("9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60");
    static final UUID COMMAND = UUID.fromString("0d3b5e7a-8c21-4f6e-b9d0-7a4c2e1f5b38");
    static final UUID CORRELATION = UUID.fromString("c3a1e0f2-6b7d-4e58-9c2a-1f0e3d5b7a94");
    static final MessageMetadata CAUSED_BY_COMMAND = new MessageMetadata(CORRELATION, COMMAND, null);
    static final UUID ACCOUNT = UUID.fromString("4b1c6f0e-3c7d-4f52-9a53-0f0d1d7a2b11");
    static final String ENDPOINT = "9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60.eu-west-1.aws.dbaas.example.com";
    static final Instant AT = Instant.parse("2026-11-22T11:00:00Z");

    final MessageCodec codec = new MessageCodec();

    @Test
    void provisionCommandMatchesGoldenFixture() {
        var command = new ProvisionDBCluster(
                COMMAND,
                Instant.parse("2026-11-22T10:15:30.123Z"),
                new MessageMetadata(CORRELATION, null, "4bf92f3577b34da6a3ce929d0e0e4736"),
                UUID.fromString("4b1c6f0e-3c7d-4f52-9a53-0f0d1d7a2b11"),
                "aws",
                "eu-west-1",
                CLUSTER,
                "vectors-prod",
                Engine.QDRANT,
                "1.15.4",
                new DbConfiguration(
                        "9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60.eu-west-1.aws.dbaas.example.com",
                        3,
                        new NodeConfiguration("2", "8Gi", "100Gi")));

        assertMatchesGolden(command, "provision-db-cluster.json", ClusterCommand.class);
    }

    @Test
    void provisioningStartedMatchesGoldenFixture() {
        var event = new ClusterProvisioningStarted(
                UUID.fromString("5e2d8c1a-7f3b-4a69-8e0d-b1c4a7f2e935"),
                Instant.parse("2026-11-22T10:15:31Z"),
                CAUSED_BY_COMMAND,
                CLUSTER);

        assertMatchesGolden(event, "cluster-provisioning-started.json", ClusterEvent.class);
    }

    @Test
    void provisionedMatchesGoldenFixture() {
        var event = EVENT_AUTHENTICATION.sign(new ClusterProvisioned(
                UUID.fromString("a8f1c3e5-2b4d-4f60-9e7a-c5d3b1a9f827"),
                Instant.parse("2026-11-22T10:17:02Z"),
                CAUSED_BY_COMMAND,
                CLUSTER,
                Engine.QDRANT,
                ENDPOINT,
                new ServiceAddress("http", "qdrant.dbaas-9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60.svc.cluster.local", 6333),
                "v1.c2VhbGVkLWtleS1ieXRlcy1hcmUtb3BhcXVlLWhlcmU",
                3,
                null));

        assertMatchesGolden(event, "cluster-provisioned.json", ClusterEvent.class);
    }

    @Test
    void failedMatchesGoldenFixture() {
        var event = new ClusterFailed(
                UUID.fromString("e7c9a1b3-5d2f-4e84-a6b0-3f1d9c7e5a21"),
                Instant.parse("2026-11-22T10:15:32Z"),
                CAUSED_BY_COMMAND,
                CLUSTER,
                "No Kubernetes API is configured for aws/eu-west-1.");

        assertMatchesGolden(event, "cluster-failed.json", ClusterEvent.class);
    }

    @Test
    void commandDeferredMatchesGoldenFixture() {
        var event = new ClusterCommandDeferred(
                UUID.fromString("5a0e8c2d-7b14-4f39-a6d1-2e9c0b7f4d83"),
                Instant.parse("2026-11-22T10:15:32Z"),
                CAUSED_BY_COMMAND,
                CLUSTER,
                "gcp",
                "europe-west4",
                "Waiting for the Kubernetes API of gcp/europe-west4, next attempt at 2026-11-22T10:15:40Z (attempt 4"
                        + " failed: The Kubernetes API of gcp/europe-west4 (https://api.europe-west4.example) is unreachable:"
                        + " Connection refused).",
                4,
                Instant.parse("2026-11-22T10:15:40Z"));

        assertMatchesGolden(event, "cluster-command-deferred.json", ClusterEvent.class);
    }

    @Test
    void scaleCommandMatchesGoldenFixture() {
        var command = new ScaleDBCluster(
                COMMAND,
                AT,
                MessageMetadata.startingChain(CORRELATION),
                ACCOUNT,
                "aws",
                "eu-west-1",
                CLUSTER,
                "vectors-prod",
                Engine.QDRANT,
                "1.15.4",
                new DbConfiguration(ENDPOINT, 5, new NodeConfiguration("4", "16Gi", "200Gi")));

        assertMatchesGolden(command, "scale-db-cluster.json", ClusterCommand.class);
    }

    @Test
    void upgradeCommandMatchesGoldenFixture() {
        var command = new UpgradeDBCluster(
                COMMAND,
                AT,
                MessageMetadata.startingChain(CORRELATION),
                ACCOUNT,
                "aws",
                "eu-west-1",
                CLUSTER,
                "vectors-prod",
                Engine.QDRANT,
                "1.16.0",
                "1.15.4",
                new DbConfiguration(ENDPOINT, 3, new NodeConfiguration("2", "8Gi", "100Gi")));

        assertMatchesGolden(command, "upgrade-db-cluster.json", ClusterCommand.class);
    }

    @Test
    void deleteCommandMatchesGoldenFixture() {
        var command = new DeleteDBCluster(
                COMMAND,
                AT,
                MessageMetadata.startingChain(CORRELATION),
                ACCOUNT,
                "aws",
                "eu-west-1",
                CLUSTER,
                Engine.ELASTICSEARCH);

        assertMatchesGolden(command, "delete-db-cluster.json", ClusterCommand.class);
    }

    @Test
    void lifecycleEventsMatchGoldenFixtures() {
        UUID event = UUID.fromString("b2d4f6a8-1c3e-4a5b-9d7f-0e2c4a6b8d1f");
        assertMatchesGolden(
                new ClusterUpdated(event, AT, CAUSED_BY_COMMAND, CLUSTER, "1.16.0", 5, 5),
                "cluster-updated.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new ClusterChangeFailed(
                        event,
                        AT,
                        CAUSED_BY_COMMAND,
                        CLUSTER,
                        "Scaling in from 3 to 1 nodes would lose data: collections keep a single replica."),
                "cluster-change-failed.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new ClusterDegraded(
                        event, AT, CAUSED_BY_COMMAND, CLUSTER, 2, "Pod qdrant-2 is crash-looping (exit code 137)."),
                "cluster-degraded.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new ClusterRecovered(event, AT, CAUSED_BY_COMMAND, CLUSTER, 3),
                "cluster-recovered.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new ClusterDeletionStarted(event, AT, CAUSED_BY_COMMAND, CLUSTER),
                "cluster-deletion-started.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new ClusterDeleted(event, AT, CAUSED_BY_COMMAND, CLUSTER), "cluster-deleted.json", ClusterEvent.class);
    }

    @Test
    void elasticsearchProvisionedCarriesTheClusterCaMatchesGoldenFixture() {
        var event = EVENT_AUTHENTICATION.sign(new ClusterProvisioned(
                UUID.fromString("a8f1c3e5-2b4d-4f60-9e7a-c5d3b1a9f827"),
                AT,
                CAUSED_BY_COMMAND,
                CLUSTER,
                Engine.ELASTICSEARCH,
                ENDPOINT,
                new ServiceAddress(
                        "https",
                        "elasticsearch-http.dbaas-9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60.svc.cluster.local",
                        9200),
                "v1.c2VhbGVkLWtleS1ieXRlcy1hcmUtb3BhcXVlLWhlcmU",
                3,
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n"));

        assertMatchesGolden(event, "cluster-provisioned-elasticsearch.json", ClusterEvent.class);
    }

    @Test
    void apiKeyRevokedMatchesGoldenFixture() {
        var event = new ApiKeyRevoked(
                UUID.fromString("d1e3f5a7-9b2c-4d6e-8f0a-1b3c5d7e9f20"),
                AT,
                MessageMetadata.startingChain(CORRELATION),
                CLUSTER,
                "q8bX2c0fT1m4ZkR9w7YpHA",
                Instant.parse("2027-01-01T00:00:00Z"));

        assertMatchesGolden(event, "api-key-revoked.json", AccessEvent.class);
    }

    @Test
    void commandOnTheAccessTopicIsMalformed() {
        byte[] command = codec.json().writeValueAsBytes(golden("delete-db-cluster.json"));

        assertThatThrownBy(() -> codec.read(command, AccessEvent.class)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void readerToleratesFieldsAddedByANewerProducer() {
        ObjectNode json = (ObjectNode) golden("cluster-failed.json");
        json.put("severity", "critical");

        ClusterEvent event = codec.read(codec.json().writeValueAsBytes(json), ClusterEvent.class);

        assertThat(event).isInstanceOf(ClusterFailed.class);
    }

    @Test
    void missingRequiredFieldIsMalformed() {
        ObjectNode json = (ObjectNode) golden("provision-db-cluster.json");
        json.remove("cluster_id");

        assertThatThrownBy(() -> codec.read(codec.json().writeValueAsBytes(json), ClusterCommand.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ClusterCommand");
    }

    @Test
    void unknownMessageNameIsMalformed() {
        ObjectNode json = (ObjectNode) golden("cluster-failed.json");
        json.put("name", "ClusterExploded");

        assertThatThrownBy(() -> codec.read(codec.json().writeValueAsBytes(json), ClusterEvent.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void eventOnTheCommandTopicIsMalformed() {
        byte[] event = codec.json().writeValueAsBytes(golden("cluster-failed.json"));

        assertThatThrownBy(() -> codec.read(event, ClusterCommand.class)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void bytesThatAreNotJsonAreMalformed() {
        byte[] garbage = "\u0000not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.read(garbage, ClusterCommand.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void provisionedEventNeverPrintsTheSealedKey() {
        var event = (ClusterProvisioned)
                codec.read(codec.json().writeValueAsBytes(golden("cluster-provisioned.json")), ClusterEvent.class);

        assertThat(event.toString()).doesNotContain(event.sealedMasterKey());
    }

    private <T extends Message> void assertMatchesGolden(T message, String fixture, Class<? super T> family) {
        JsonNode expected = golden(fixture);

        assertThat(codec.json().readTree(codec.write(message))).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Message read = codec.read(codec.json().writeValueAsBytes(expected), (Class<? extends Message>) family);
        assertThat(read).isEqualTo(message);
    }

    private JsonNode golden(String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + fixture)) {
            return codec.json().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dbaas.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ServiceAddress;
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

    static final UUID CLUSTER = UUID.fromString("9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60");
    static final UUID COMMAND = UUID.fromString("0d3b5e7a-8c21-4f6e-b9d0-7a4c2e1f5b38");
    static final UUID CORRELATION = UUID.fromString("c3a1e0f2-6b7d-4e58-9c2a-1f0e3d5b7a94");
    static final MessageMetadata CAUSED_BY_COMMAND = new MessageMetadata(CORRELATION, COMMAND, null);

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
        var event = new ClusterProvisioned(
                UUID.fromString("a8f1c3e5-2b4d-4f60-9e7a-c5d3b1a9f827"),
                Instant.parse("2026-11-22T10:17:02Z"),
                CAUSED_BY_COMMAND,
                CLUSTER,
                "9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60.eu-west-1.aws.dbaas.example.com",
                new ServiceAddress("http", "qdrant.dbaas-9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60.svc.cluster.local", 6333),
                "v1.c2VhbGVkLWtleS1ieXRlcy1hcmUtb3BhcXVlLWhlcmU",
                3);

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

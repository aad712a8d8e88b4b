package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One claim is one trace: the client's trace id reaches Orion's request, the command on the broker (sent later by
 * the outbox relay), Nebula's handling of it, the events Nebula publishes (the last one reported by its watches,
 * minutes later in real life), Orion's update of the cluster, and the JSON log lines each service writes on the way.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
class ClaimTraceIT {

    private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_TRACEPARENT = "00-" + CLIENT_TRACE + "-b7ad6b7169203331-01";

    private final ControlPlaneUnderTest controlPlane;
    private final MessageCodec codec = new MessageCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    ClaimTraceIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void theCommandTheEventsAndTheServicesLogLinesOfOneClaimBelongToTheClientsTrace() {
        HttpResponse<String> claimed =
                controlPlane.orion().post("/v1/clusters", ClaimToRequestIT.validClaim("traced"), CLIENT_TRACEPARENT);
        assertThat(claimed.statusCode()).isEqualTo(202);
        String id = Http.json(claimed).get("id").asString();
        String namespace = KubernetesControllers.namespaceOf(id);
        controlPlane.kubernetes().awaitStatefulSet(namespace);
        controlPlane.kubernetes().runAllReady(namespace);
        controlPlane.orion().awaitState(id, "RUNNING");

        ClusterCommand command = single(messages(Topics.CLUSTER_COMMANDS, id, ClusterCommand.class));
        List<ClusterEvent> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> messages(Topics.CLUSTER_EVENTS, id, ClusterEvent.class), found -> found.stream()
                        .anyMatch(ClusterProvisioned.class::isInstance));
        assertThat(events).anyMatch(ClusterProvisioningStarted.class::isInstance);
        List<Message> messages = new ArrayList<>(events);
        messages.add(command);
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.metadata().traceId()).as(message.name()).isEqualTo(CLIENT_TRACE);
            assertThat(message.metadata().traceparent())
                    .as(message.name())
                    .matches("00-" + CLIENT_TRACE + "-[0-9a-f]{16}-01");
        });

        // Orion writes the cluster's new state after reading Nebula's last event: wait for that line.
        await().atMost(Duration.ofSeconds(10)).until(() -> linesAbout("orion", id).stream()
                .anyMatch(line -> line.path("message").asString().contains("is RUNNING")));
        for (String service : List.of("orion", "nebula")) {
            List<JsonNode> lines = linesAbout(service, id);
            assertThat(lines).as(service).isNotEmpty();
            // Lines about the cluster outside any claim's work (the watches noticing pods) carry no trace at all.
            assertThat(lines)
                    .as(service + " lines about the cluster in a trace")
                    .filteredOn(line -> line.has("traceId"))
                    .isNotEmpty()
                    .allSatisfy(line -> {
                        assertThat(line.path("traceId").asString()).isEqualTo(CLIENT_TRACE);
                        assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
                    });
        }
        assertThat(linesAbout("nebula", id))
                .anySatisfy(line -> assertThat(line.path("message").asString())
                        .startsWith("Received ProvisionDBCluster " + command.id()));

        // The cluster's secrets, once used, are in no line of any service.
        HttpResponse<String> issued = controlPlane
                .orion()
                .post("/v1/clusters/" + id + "/api-keys", "{\"name\": \"traced\", \"scope\": \"read-only\"}");
        String apiKey = Http.json(issued).get("key").asString();
        String endpoint = id + ".local.minikube." + ControlPlaneUnderTest.DOMAIN;
        controlPlane.gatekeeper().awaitRouted(endpoint);
        assertThat(controlPlane
                        .gatekeeper()
                        .get(endpoint, "/collections", Map.of("api-key", apiKey, "traceparent", CLIENT_TRACEPARENT))
                        .statusCode())
                .isEqualTo(200);
        String masterKey = controlPlane.kubernetes().masterKey(namespace);
        for (String service : List.of("orion", "nebula", "gatekeeper")) {
            assertThat(String.join("\n", controlPlane.logLines(service)))
                    .as(service)
                    .doesNotContain(apiKey, masterKey);
        }
    }

    @Test
    void everyServiceLogsJsonWithoutAnySecret() {
        for (String service : List.of("orion", "nebula", "gatekeeper")) {
            List<String> lines = controlPlane.logLines(service).stream()
                    // The JVM's own warnings (native access, Unsafe) come before any logger exists.
                    .filter(line -> !line.isBlank() && !line.startsWith("WARNING: "))
                    .toList();
            assertThat(lines).as(service).isNotEmpty().allSatisfy(line -> assertThat(
                            json.readTree(line).has("@timestamp"))
                    .as(line)
                    .isTrue());
            String all = String.join("\n", lines);
            assertThat(all).as(service).doesNotContain(controlPlane.secrets()).doesNotContain("PRIVATE KEY");
        }
    }

    /** The lines of {@code service} that name the cluster {@code id}, parsed; every one of them must be JSON. */
    private List<JsonNode> linesAbout(String service, String id) {
        return controlPlane.logLines(service).stream()
                .filter(line -> line.contains(id))
                .map(line -> json.readTree(line))
                .toList();
    }

    private <T extends Message> List<T> messages(String topic, String clusterId, Class<T> family) {
        Map<String, Object> settings = controlPlane.kafkaAdminSettings();
        try (var consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<T> found = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    T message = codec.read(record.value(), family);
                    if (message.clusterId().toString().equals(clusterId)) {
                        found.add(message);
                    }
                }
            }
            return found;
        }
    }

    private static <T> T single(List<T> found) {
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}

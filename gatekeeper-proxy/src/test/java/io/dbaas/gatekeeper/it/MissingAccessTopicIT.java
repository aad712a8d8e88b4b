package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.support.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A GateKeeper deployed before Orion has ever run: the broker does not create topics on demand, and only the
 * cluster-events topic exists. A topic that does not exist has nothing to read, so GateKeeper must still become ready
 * rather than wait forever for the access-events topic. Its own context and broker.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gatekeeper.domain=dbaas.localhost",
            "dbaas.key-encryption-key=" + TestCluster.KEY_ENCRYPTION_KEY
        })
@EmbeddedKafka(
        partitions = 1,
        topics = Topics.CLUSTER_EVENTS,
        brokerProperties = "auto.create.topics.enable=false",
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class MissingAccessTopicIT {

    private static final Logger log = LoggerFactory.getLogger(MissingAccessTopicIT.class);

    @LocalManagementPort
    int managementPort;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ClusterDirectory directory;

    /**
     * Ready first; then Orion creates the topic and revokes a key. The subscription by name finds the new topic, reads
     * it from its beginning, and applies the revocation.
     */
    @Test
    void gateKeeperBecomesReadyWithoutTheAccessEventsTopicAndReadsItOnceItExists() throws Exception {
        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(management
                                .get()
                                .uri("/actuator/health/readiness")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value())
                        .isEqualTo(200));

        broker.addTopics(new NewTopic(Topics.ACCESS_EVENTS, 1, (short) 1));
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        String keyId = cluster.newKey(KeyScope.READ_WRITE, null).keyId();
        publish(cluster.keyRevoked(keyId, null));
        long published = System.nanoTime();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> directory.isRevoked(cluster.id(), keyId));
        log.info(
                "A revocation on the access-events topic created after start-up applied after {} ms",
                Duration.ofNanos(System.nanoTime() - published).toMillis());
    }

    private void publish(ApiKeyRevoked revoked) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.ACCESS_EVENTS,
                            revoked.clusterId().toString().getBytes(StandardCharsets.UTF_8),
                            new MessageCodec().write(revoked)))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}

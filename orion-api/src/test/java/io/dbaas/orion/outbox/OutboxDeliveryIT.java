package io.dbaas.orion.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Topics;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests.Response;
import io.dbaas.orion.support.OutageIntegrationTests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/** How a command goes from a claim to Kafka: stored with the claim, then published in order and acknowledged. */
class OutboxDeliveryIT extends OutageIntegrationTests {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void claimWhoseCommandCannotBeStoredLeavesNoCluster() {
        String doomed = "doomed-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        // Refuses this claim's command at commit, when the cluster row has been written in the same transaction.
        jdbc.sql("""
                        create function refuse_doomed_command() returns trigger language plpgsql as $$
                        begin
                          if convert_from(new.payload, 'UTF8') like '%%%s%%' then
                            raise exception 'outbox write refused by the test';
                          end if;
                          return new;
                        end $$""".formatted(doomed)).update();
        jdbc.sql("""
                        create constraint trigger refuse_doomed_command after insert on outbox_messages
                        deferrable initially deferred for each row execute function refuse_doomed_command()""").update();
        Response refused;
        try {
            refused = post("/v1/clusters", Claims.VALID.replace("\"vectors\"", "\"" + doomed + "\""));
        } finally {
            jdbc.sql("drop trigger refuse_doomed_command on outbox_messages").update();
            jdbc.sql("drop function refuse_doomed_command()").update();
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(clustersNamed(doomed)).as("no cluster without its command").isZero();

        Response accepted = post("/v1/clusters", Claims.VALID.replace("\"vectors\"", "\"" + doomed + "\""));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(clustersNamed(doomed))
                .as("the same claim, once its command can be stored")
                .isOne();
    }

    @Test
    void relayProducerWaitsForAllReplicasAndIsIdempotent() throws Exception {
        // The configuration the producer is built from, with Kafka's own defaults and derivations applied.
        var config = new ProducerConfig(kafka.getProducerFactory().getConfigurationProperties());
        assertThat(config.getString(ProducerConfig.ACKS_CONFIG)).isIn("all", "-1");
        assertThat(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThat(config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION))
                .as("at most 5 in flight keeps idempotent ordering")
                .isLessThanOrEqualTo(5);
        assertThat(config.getInt(ProducerConfig.RETRIES_CONFIG)).isPositive();

        // On the wire: the broker tracks a producer id and sequence only for idempotent producers.
        String cluster = post("/v1/clusters", Claims.VALID).json().get("id").asString();
        List<ConsumerRecord<String, byte[]>> records =
                readRecords(Topics.CLUSTER_COMMANDS, List.of(cluster), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        var partition =
                new TopicPartition(Topics.CLUSTER_COMMANDS, records.getFirst().partition());
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            List<ProducerState> producers = admin.describeProducers(List.of(partition))
                    .partitionResult(partition)
                    .get()
                    .activeProducers();
            assertThat(producers).isNotEmpty().allSatisfy(producer -> assertThat(producer.producerId())
                    .isNotNegative());
        }
    }

    @Test
    void commandsOfOneClusterArriveInTheOrderTheyWereWritten() {
        List<String> clusters = List.of(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        int perCluster = 10;
        for (int round = 0; round < perCluster; round++) {
            clusters.forEach(cluster -> appendCommand(UUID.fromString(cluster)));
        }
        Map<String, List<UUID>> written = commandsAsWritten(clusters);

        Map<String, List<UUID>> published = commandsAsPublished(clusters, clusters.size() * perCluster);

        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(clusters);
        for (String cluster : clusters) {
            assertThat(published.get(cluster)).containsExactlyElementsOf(written.get(cluster));
        }
        assertThat(new ArrayList<>(written.values()).getFirst()).hasSize(perCluster);
    }

    private long clustersNamed(String name) {
        return jdbc.sql("select count(*) from clusters where name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }
}

package io.dbaas.orion;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Topics;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a starting GateKeeper reads from the beginning, as Orion creates them on the real broker: kept forever,
 * never compacted. With Kafka's default week, a GateKeeper started later would route no cluster provisioned before it
 * and refuse no key revoked before it.
 */
class KafkaTopicsTests extends OrionIntegrationTests {

    @Autowired
    KafkaAdmin kafkaAdmin;

    @ParameterizedTest
    @ValueSource(strings = {Topics.CLUSTER_EVENTS, Topics.ACCESS_EVENTS})
    void topicsGateKeeperReadsFromTheBeginningAreKeptForever(String name) throws Exception {
        var topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);

            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
        }
    }
}

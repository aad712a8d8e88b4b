package io.dbaas.nebula.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Topics;
import io.dbaas.nebula.config.NebulaProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KafkaConfigurationTest {

    private final NebulaProperties defaults =
            new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("nebula", NebulaProperties.class);

    /** Orion may not be the first to start: the cluster-events topic Nebula creates must be kept forever too. */
    @Test
    void theClusterEventsTopicNebulaCreatesIsKeptForeverForEveryGateKeeperThatStartsLater() {
        NewTopic topic = new KafkaConfiguration().clusterEventsTopic(defaults);

        assertThat(topic.name()).isEqualTo(Topics.CLUSTER_EVENTS);
        assertThat(topic.configs())
                .containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1")
                .containsEntry("cleanup.policy", "delete");
    }
}

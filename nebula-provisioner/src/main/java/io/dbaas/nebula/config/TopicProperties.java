package io.dbaas.nebula.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics Nebula owns (cluster events and the command dead-letter topic) are declared.
 *
 * @param partitions number of partitions
 * @param replicas replication factor; 1 only suits a single-broker development setup
 */
public record TopicProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicas) {

    public TopicProperties {
        if (partitions < 1 || replicas < 1) {
            throw new IllegalArgumentException("topic partitions and replicas must be at least 1");
        }
    }
}

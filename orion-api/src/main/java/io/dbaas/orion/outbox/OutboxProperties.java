package io.dbaas.orion.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how long the relay waits between two looks at the outbox
 * @param batchSize how many messages one look publishes at most
 * @param maxBackoff the longest the relay waits between two attempts while Kafka or PostgreSQL is away; the wait
 *     doubles from {@code pollInterval} up to this
 * @param warningInterval how often, at most, the relay repeats its warning while messages cannot be published
 * @param backlogInterval how often the number and age of waiting messages are measured for the metrics
 */
@ConfigurationProperties("orion.outbox")
public record OutboxProperties(
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("1m") Duration warningInterval,
        @DefaultValue("10s") Duration backlogInterval) {}

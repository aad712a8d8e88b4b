package io.dbaas.orion.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pollInterval how long the relay waits between two looks at the outbox
 * @param batchSize how many messages one look publishes at most
 */
@ConfigurationProperties("orion.outbox")
public record OutboxProperties(Duration pollInterval, int batchSize) {}

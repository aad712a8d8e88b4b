package io.dbaas.orion.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retention how long a key is remembered; after that, the same key starts a new request
 * @param purgeInterval how often expired keys are deleted
 */
@ConfigurationProperties("orion.idempotency")
public record IdempotencyProperties(Duration retention, Duration purgeInterval) {}

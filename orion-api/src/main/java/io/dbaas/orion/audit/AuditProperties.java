package io.dbaas.orion.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retention how long an audit event is kept; older ones are purged
 * @param purgeInterval how often events past their retention are deleted
 */
@ConfigurationProperties("orion.audit")
public record AuditProperties(Duration retention, Duration purgeInterval) {

    public AuditProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("orion.audit.retention must be positive, was " + retention);
        }
    }
}

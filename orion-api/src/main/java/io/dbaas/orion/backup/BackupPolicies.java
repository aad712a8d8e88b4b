package io.dbaas.orion.backup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each cluster's backup policy. A cluster whose admin never changed it has no row and the platform's defaults, so a
 * change of the defaults reaches every such cluster; a value an admin chose is kept even if the defaults move.
 */
@Component
class BackupPolicies {

    private final JdbcClient jdbc;
    private final BackupProperties properties;

    BackupPolicies(JdbcClient jdbc, BackupProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    BackupPolicy of(UUID clusterId) {
        return jdbc.sql("select enabled, interval_seconds, retention from backup_policies where cluster_id = :cluster")
                .param("cluster", clusterId)
                .query((row, number) -> {
                    boolean enabled = row.getBoolean("enabled");
                    long seconds = row.getLong("interval_seconds");
                    Duration interval = row.wasNull() ? properties.defaultInterval() : Duration.ofSeconds(seconds);
                    int stored = row.getInt("retention");
                    // Each wasNull() answers for the column read just before it.
                    int retention = row.wasNull() ? properties.defaultRetention() : stored;
                    return new BackupPolicy(enabled, interval, retention);
                })
                .optional()
                .orElseGet(properties::defaultPolicy);
    }

    void save(UUID clusterId, BackupPolicy policy, Instant now) {
        jdbc.sql("""
                        insert into backup_policies (cluster_id, enabled, interval_seconds, retention, updated_at)
                        values (:cluster, :enabled, :interval, :retention, :now)
                        on conflict (cluster_id) do update set enabled = excluded.enabled,
                          interval_seconds = excluded.interval_seconds, retention = excluded.retention,
                          updated_at = excluded.updated_at""")
                .param("cluster", clusterId)
                .param("enabled", policy.enabled())
                .param("interval", policy.interval().toSeconds())
                .param("retention", policy.retention())
                .param("now", Timestamp.from(now))
                .update();
    }
}

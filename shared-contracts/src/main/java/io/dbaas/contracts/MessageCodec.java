package io.dbaas.contracts;

import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.contracts.command.DeleteBackup;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes messages in their wire format: JSON, snake_case, ISO-8601 instants, logical type names.
 *
 * <p>Readers are tolerant of fields they do not know, so that a producer may add an optional field before every
 * consumer is upgraded; a missing required field or an unknown {@code name} is an error.
 */
public final class MessageCodec {

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerSubtypes(
                    ProvisionDBCluster.class,
                    ScaleDBCluster.class,
                    UpgradeDBCluster.class,
                    DeleteDBCluster.class,
                    TakeBackup.class,
                    DeleteBackup.class,
                    PurgeClusterBackups.class,
                    ClusterProvisioningStarted.class,
                    ClusterProvisioned.class,
                    ClusterFailed.class,
                    ClusterUpdated.class,
                    ClusterChangeFailed.class,
                    ClusterDegraded.class,
                    ClusterRecovered.class,
                    ClusterDeletionStarted.class,
                    ClusterDeleted.class,
                    ClusterCommandDeferred.class,
                    BackupCompleted.class,
                    BackupFailed.class,
                    BackupDeleted.class,
                    BackupDeletionFailed.class,
                    ClusterBackupsPurged.class,
                    ApiKeyRevoked.class)
            .build();

    public byte[] write(Message message) {
        return json.writeValueAsBytes(message);
    }

    /**
     * Reads a message of the expected family.
     *
     * @throws MalformedMessageException when the bytes are not a valid message of that family
     */
    public <T extends Message> T read(byte[] bytes, Class<T> family) {
        try {
            return json.readValue(bytes, family);
        } catch (JacksonException e) {
            throw new MalformedMessageException(family, e);
        }
    }

    /** The mapper configured for the wire format, for tests and tools that inspect raw JSON. */
    public JsonMapper json() {
        return json;
    }
}

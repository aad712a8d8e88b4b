package io.dbaas.contracts;

import static io.dbaas.contracts.WireFormatTest.ACCOUNT;
import static io.dbaas.contracts.WireFormatTest.AT;
import static io.dbaas.contracts.WireFormatTest.CAUSED_BY_COMMAND;
import static io.dbaas.contracts.WireFormatTest.CLUSTER;
import static io.dbaas.contracts.WireFormatTest.COMMAND;
import static io.dbaas.contracts.WireFormatTest.CORRELATION;
import static io.dbaas.contracts.WireFormatTest.ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteBackup;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.dbaas.contracts.event.ClusterEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pins the wire format of backup commands and events, and the naming rule every reader checks. */
class BackupWireFormatTest {

    static final String BACKUP = "9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60-202611220300";
    static final UUID EVENT = UUID.fromString("b2d4f6a8-1c3e-4a5b-9d7f-0e2c4a6b8d1f");
    static final BackupSnapshot SNAPSHOT = new BackupSnapshot(
            1,
            "articles",
            "articles-1288117934316372-2026-11-22-03-00-04.snapshot",
            52_428_800,
            "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea");

    final MessageCodec codec = new MessageCodec();

    @Test
    void backupIdsNameTheClusterAndTheDueTime() {
        Instant due = Instant.parse("2026-11-22T03:00:59Z");

        assertThat(BackupIds.scheduled(CLUSTER, due)).isEqualTo(BACKUP);
        assertThat(BackupIds.onDemand(CLUSTER, due)).isEqualTo("9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60-20261122030059");
        assertThat(BackupIds.jobName("take", BACKUP)).isEqualTo("backup-" + BACKUP);
        assertThat(BackupIds.jobName("delete", BackupIds.onDemand(CLUSTER, due)))
                .hasSizeLessThanOrEqualTo(63);
        assertThat(BackupIds.belongsTo(BACKUP, CLUSTER)).isTrue();
        assertThat(BackupIds.belongsTo(BACKUP, ACCOUNT)).isFalse();
        assertThat(BackupIds.belongsTo(BACKUP + "/../x", CLUSTER)).isFalse();
        assertThat(BackupIds.belongsTo(CLUSTER + "-2026", CLUSTER)).isFalse();
    }

    @Test
    void commandsMatchGoldenFixtures() {
        assertMatchesGolden(
                new TakeBackup(
                        COMMAND,
                        AT,
                        new MessageMetadata(CORRELATION, null, null),
                        ACCOUNT,
                        "aws",
                        "eu-west-1",
                        CLUSTER,
                        Engine.QDRANT,
                        BACKUP,
                        BackupTrigger.SCHEDULED),
                "take-backup.json",
                ClusterCommand.class);
        assertMatchesGolden(
                new DeleteBackup(
                        COMMAND,
                        AT,
                        new MessageMetadata(CORRELATION, null, null),
                        ACCOUNT,
                        "aws",
                        "eu-west-1",
                        CLUSTER,
                        Engine.QDRANT,
                        BACKUP,
                        List.of(SNAPSHOT)),
                "delete-backup.json",
                ClusterCommand.class);
        assertMatchesGolden(
                new PurgeClusterBackups(
                        COMMAND,
                        AT,
                        new MessageMetadata(CORRELATION, null, null),
                        ACCOUNT,
                        "aws",
                        "eu-west-1",
                        CLUSTER,
                        Engine.ELASTICSEARCH),
                "purge-cluster-backups.json",
                ClusterCommand.class);
    }

    @Test
    void aClaimRestoringABackupNamesItAndAnEmptyClaimIsUnchanged() {
        UUID restored = UUID.fromString("1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");
        var command = new ProvisionDBCluster(
                COMMAND,
                AT,
                new MessageMetadata(CORRELATION, null, null),
                ACCOUNT,
                "aws",
                "eu-west-1",
                restored,
                "vectors-restored",
                Engine.QDRANT,
                "1.15.4",
                new DbConfiguration(ENDPOINT, 3, new NodeConfiguration("2", "8Gi", "100Gi")),
                new RestoreSource(CLUSTER, BACKUP, List.of(SNAPSHOT)));

        assertMatchesGolden(command, "provision-db-cluster-from-backup.json", ClusterCommand.class);
    }

    @Test
    void eventsMatchGoldenFixtures() {
        assertMatchesGolden(
                new BackupCompleted(
                        EVENT,
                        AT,
                        CAUSED_BY_COMMAND,
                        CLUSTER,
                        BACKUP,
                        "1.15.4",
                        52_428_800,
                        Instant.parse("2026-11-22T03:00:04Z"),
                        Instant.parse("2026-11-22T03:00:31Z"),
                        List.of(SNAPSHOT)),
                "backup-completed.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new BackupFailed(
                        EVENT,
                        AT,
                        CAUSED_BY_COMMAND,
                        CLUSTER,
                        BACKUP,
                        "repository_verification_exception: [dbaas-backups] path is not accessible on master node"),
                "backup-failed.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new BackupDeleted(EVENT, AT, CAUSED_BY_COMMAND, CLUSTER, BACKUP, false),
                "backup-deleted.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new BackupDeletionFailed(
                        EVENT, AT, CAUSED_BY_COMMAND, CLUSTER, BACKUP, "Qdrant answered 500 to the deletion."),
                "backup-deletion-failed.json",
                ClusterEvent.class);
        assertMatchesGolden(
                new ClusterBackupsPurged(EVENT, AT, CAUSED_BY_COMMAND, CLUSTER, 42),
                "cluster-backups-purged.json",
                ClusterEvent.class);
    }

    @Test
    void aBackupOfAnotherClusterIsRefusedWhereverItIsNamed() {
        String foreign = BackupIds.scheduled(ACCOUNT, AT);

        assertThatThrownBy(() -> new TakeBackup(
                        COMMAND,
                        AT,
                        CAUSED_BY_COMMAND,
                        ACCOUNT,
                        "aws",
                        "eu-west-1",
                        CLUSTER,
                        Engine.QDRANT,
                        foreign,
                        BackupTrigger.ON_DEMAND))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestoreSource(CLUSTER, foreign, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] forged = codec.write(new TakeBackup(
                COMMAND,
                AT,
                CAUSED_BY_COMMAND,
                ACCOUNT,
                "aws",
                "eu-west-1",
                CLUSTER,
                Engine.QDRANT,
                BACKUP,
                BackupTrigger.ON_DEMAND));
        byte[] renamed = new String(forged, java.nio.charset.StandardCharsets.UTF_8)
                .replace(BACKUP, foreign)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.read(renamed, ClusterCommand.class))
                .isInstanceOf(MalformedMessageException.class);
    }

    private <T extends Message> void assertMatchesGolden(T message, String fixture, Class<? super T> family) {
        JsonNode expected = golden(fixture);

        assertThat(codec.json().readTree(codec.write(message))).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Message read = codec.read(codec.json().writeValueAsBytes(expected), (Class<? extends Message>) family);
        assertThat(read).isEqualTo(message);
    }

    private JsonNode golden(String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/golden/" + fixture)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + fixture);
            }
            return codec.json().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

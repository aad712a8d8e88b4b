package io.dbaas.nebula.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.backup.storage.ClusterBackupPurges;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code PurgeClusterBackups}: what Nebula publishes for each outcome of the purge. */
class PurgeClusterBackupsHandlingTest {

    private final List<ClusterEvent> published = new ArrayList<>();
    private final List<Region> purgedIn = new ArrayList<>();
    private final Deque<Supplier<Long>> outcomes = new ArrayDeque<>();
    private final ClusterBackupPurges purges = (region, account, cluster) -> {
        purgedIn.add(region);
        return outcomes.isEmpty() ? 0L : outcomes.pop().get();
    };
    private final ClusterCommandHandler handler = new ClusterCommandHandler(
            new RegionCatalog(
                    TestRegions.nebula("minikube", "local", TestRegions.region().build())),
            mock(InfrastructureClient.class),
            published::add,
            new ClusterEvents(Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC), MessageTracing.off()),
            purges);

    @Test
    void aPurgeIsAnsweredWithHowManyObjectsWentCausedByTheCommand() {
        outcomes.add(() -> 2_345L);
        PurgeClusterBackups command = purge("minikube", "local");

        handler.handle(command);

        assertThat(purgedIn).extracting(Region::id).containsExactly(new RegionId("minikube", "local"));
        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterBackupsPurged.class, purged -> {
            assertThat(purged.objectsDeleted()).isEqualTo(2_345);
            assertThat(purged.clusterId()).isEqualTo(command.clusterId());
            assertThat(purged.metadata().causationId()).isEqualTo(command.id());
            assertThat(purged.metadata().correlationId())
                    .isEqualTo(command.metadata().correlationId());
        });
    }

    @Test
    void aRepeatedPurgePublishesTheSameEventIdSoOrionAppliesItOnce() {
        outcomes.add(() -> 3L);
        outcomes.add(() -> 0L);
        PurgeClusterBackups command = purge("minikube", "local");

        handler.handle(command);
        handler.handle(command);

        assertThat(published).hasSize(2);
        assertThat(published.get(0).id())
                .isEqualTo(published.get(1).id())
                .isEqualTo(EventIds.of(command.id(), ClusterBackupsPurged.NAME));
    }

    @Test
    void aPurgeTheStorageRefusesIsAChangeFailedWithTheReason() {
        outcomes.add(() -> {
            throw new InfrastructureException(
                    "Purging backups from gcs storage is not supported yet; nothing was" + " deleted.", false);
        });
        PurgeClusterBackups command = purge("minikube", "local");

        handler.handle(command);

        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterChangeFailed.class, failed -> {
            assertThat(failed.reason())
                    .isEqualTo("Purging backups from gcs storage is not supported yet; nothing was deleted.");
            assertThat(failed.metadata().causationId()).isEqualTo(command.id());
        });
    }

    @Test
    void aStorageThatMayComeBackDefersThePurgeAndPublishesNothing() {
        outcomes.add(() -> {
            throw new InfrastructureException("The backup storage of minikube/local did not answer", true);
        });

        assertThatThrownBy(() -> handler.handle(purge("minikube", "local")))
                .isInstanceOfSatisfying(CommandDeferredException.class, deferred -> assertThat(deferred.problem())
                        .isEqualTo("The backup storage of minikube/local did not answer"));
        assertThat(published).isEmpty();
    }

    @Test
    void aPurgeInAnUnknownRegionIsRefusedWithoutReachingAnyStorage() {
        handler.handle(purge("aws", "eu-west-1"));

        assertThat(purgedIn).isEmpty();
        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterChangeFailed.class, failed -> assertThat(
                        failed.reason())
                .isEqualTo("No region aws/eu-west-1 is configured, so Nebula cannot reach its backup storage;"
                        + " nothing was deleted."));
    }

    private static PurgeClusterBackups purge(String provider, String region) {
        return new PurgeClusterBackups(
                UUID.randomUUID(),
                Instant.now(),
                new MessageMetadata(UUID.randomUUID(), null, null),
                UUID.randomUUID(),
                provider,
                region,
                UUID.randomUUID(),
                Engine.QDRANT);
    }
}

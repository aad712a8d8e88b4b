package io.dbaas.nebula.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.infrastructure.ChangeRefusedException;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.region.RegionCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ClusterCommandHandlerTest {

    private final List<ClusterEvent> published = new ArrayList<>();
    private final Deque<Supplier<ProvisioningReport>> outcomes = new ArrayDeque<>();
    private final List<DBClusterSpecs> provisioned = new ArrayList<>();
    private final FakeInfrastructure infrastructure = new FakeInfrastructure();

    private final ClusterCommandHandler handler = new ClusterCommandHandler(
            catalog(),
            infrastructure,
            published::add,
            new ClusterEvents(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), MessageTracing.off()),
            (region, account, cluster) -> {
                throw new AssertionError("purges are PurgeClusterBackupsHandlingTest's");
            });

    @Test
    void aClaimForAnUnknownRegionFailsWithoutTouchingAnyInfrastructure() {
        handler.handle(command("aws", "eu-west-1"));

        assertThat(provisioned).isEmpty();
        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterFailed.class, failed -> assertThat(
                        failed.reason())
                .isEqualTo("No Kubernetes API is configured for aws/eu-west-1."));
    }

    @Test
    void aKnownRegionStartsProvisioningWithSpecsFromTheCommand() {
        ProvisionDBCluster command = command("minikube", "local");

        handler.handle(command);

        assertThat(published).singleElement().isInstanceOf(ClusterProvisioningStarted.class);
        DBClusterSpecs specs = provisioned.getFirst();
        assertThat(specs.clusterId()).isEqualTo(command.clusterId());
        assertThat(specs.nodes()).isEqualTo(3);
        assertThat(specs.cpu()).isEqualTo("2");
        assertThat(specs.commandId()).isEqualTo(command.id());
        assertThat(specs.correlationId()).isEqualTo(command.metadata().correlationId());
    }

    @Test
    void aTransientFailureDefersTheCommandWithoutFailingTheCluster() {
        outcomes.add(() -> {
            throw new InfrastructureException("The Kubernetes API is unreachable", true);
        });

        assertThatThrownBy(() -> handler.handle(command("minikube", "local")))
                .isInstanceOfSatisfying(CommandDeferredException.class, deferred -> assertThat(deferred.problem())
                        .isEqualTo("The Kubernetes API is unreachable"));
        assertThat(provisioned).hasSize(1);
        assertThat(published).extracting(ClusterEvent::name).containsExactly(ClusterProvisioningStarted.NAME);
    }

    @Test
    void aTransientFailureOfADeletionDefersItWithoutAnnouncingItDeletedOrRefused() {
        infrastructure.deleteOutcomes.add(() -> {
            throw new InfrastructureException("The Kubernetes API is unreachable", true);
        });

        assertThatThrownBy(() -> handler.handle(delete("minikube", "local")))
                .isInstanceOf(CommandDeferredException.class);
        assertThat(published).extracting(ClusterEvent::name).containsExactly(ClusterDeletionStarted.NAME);
    }

    @Test
    void givingUpOnAProvisioningFailsTheClusterAndOnADeletionRefusesIt() {
        ProvisionDBCluster provision = command("minikube", "local");
        DeleteDBCluster delete = delete("minikube", "local");

        handler.giveUp(provision, "waited too long");
        handler.giveUp(delete, "waited too long");

        assertThat(published)
                .extracting(ClusterEvent::name)
                .containsExactly(ClusterFailed.NAME, ClusterChangeFailed.NAME);
    }

    @Test
    void aPermanentFailureIsReportedAtOnce() {
        outcomes.add(() -> {
            throw new InfrastructureException("forbidden", false);
        });

        handler.handle(command("minikube", "local"));

        assertThat(provisioned).hasSize(1);
        assertThat(published)
                .extracting(ClusterEvent::name)
                .containsExactly(ClusterProvisioningStarted.NAME, ClusterFailed.NAME);
    }

    @Test
    void aBugIsNotDisguisedAsAFailedClusterButLeftToTheListenerToRetry() {
        outcomes.add(() -> {
            throw new NullPointerException("bug");
        });

        assertThatThrownBy(() -> handler.handle(command("minikube", "local"))).isInstanceOf(NullPointerException.class);
        assertThat(published).extracting(ClusterEvent::name).containsExactly(ClusterProvisioningStarted.NAME);
    }

    @Test
    void eventsCarryDeterministicIdsAndTheCommandAsCause() {
        ProvisionDBCluster command = command("aws", "eu-west-1");

        handler.handle(command);
        handler.handle(command);

        assertThat(published).extracting(ClusterEvent::id).containsOnly(EventIds.of(command.id(), ClusterFailed.NAME));
        MessageMetadata metadata = published.getFirst().metadata();
        assertThat(metadata.correlationId()).isEqualTo(command.metadata().correlationId());
        assertThat(metadata.causationId()).isEqualTo(command.id());
        assertThat(metadata.traceId()).isEqualTo("trace-1");
    }

    @Test
    void aScaleConvergesTheClusterOnTheCommandsWholeSpecWithoutAStartedEvent() {
        ScaleDBCluster command = scale("minikube", "local", 5);

        handler.handle(command);

        assertThat(infrastructure.updated).singleElement().satisfies(specs -> {
            assertThat(specs.nodes()).isEqualTo(5);
            assertThat(specs.operation()).isEqualTo(ClusterOperation.UPDATE);
            assertThat(specs.commandId()).isEqualTo(command.id());
        });
        assertThat(published).isEmpty();
    }

    @Test
    void aRefusedChangeIsAChangeFailedWithTheBackendsReasonCausedByTheCommand() {
        infrastructure.updateOutcomes.add(() -> {
            throw new ChangeRefusedException("The cluster has 3 nodes and keeps them.");
        });
        ScaleDBCluster command = scale("minikube", "local", 2);

        handler.handle(command);

        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterChangeFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("The cluster has 3 nodes and keeps them.");
            assertThat(failed.metadata().causationId()).isEqualTo(command.id());
            assertThat(failed.id()).isEqualTo(EventIds.of(command.id(), ClusterChangeFailed.NAME));
        });
    }

    @Test
    void anUpgradeToAnOlderVersionThanThePreviousOneIsRefusedWithoutTouchingTheCluster() {
        handler.handle(upgrade("1.13.4", "1.12.0"));

        assertThat(infrastructure.updated).isEmpty();
        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterChangeFailed.class, failed -> assertThat(
                        failed.reason())
                .isEqualTo("Version 1.12.0 is older than 1.13.4, which the cluster runs: Nebula does not downgrade"
                        + " clusters."));
    }

    @Test
    void anUpgradeBelowWhatNodesRunIsRefused() {
        infrastructure.observed = new ObservedCluster(3, 3, "1.14.0", List.of("1.14.0"), "10Gi", List.of());

        handler.handle(upgrade("1.13.4", "1.13.5"));

        assertThat(infrastructure.updated).isEmpty();
        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterChangeFailed.class, failed -> assertThat(
                        failed.reason())
                .contains("run 1.14.0, newer than 1.13.5"));
    }

    @Test
    void anUpgradeConvergesOnTheNewVersion() {
        infrastructure.observed = new ObservedCluster(3, 3, "1.13.4", List.of("1.13.4"), "10Gi", List.of());

        handler.handle(upgrade("1.13.4", "1.14.0"));

        assertThat(infrastructure.updated).singleElement().satisfies(specs -> assertThat(specs.version())
                .isEqualTo("1.14.0"));
        assertThat(published).isEmpty();
    }

    @Test
    void aDeletionStartsRemovesAndEndsDeletedTwiceWithTheSameEvents() {
        DeleteDBCluster command = delete("minikube", "local");

        handler.handle(command);
        handler.handle(command);

        assertThat(infrastructure.deleted).hasSize(2);
        assertThat(published)
                .extracting(ClusterEvent::name)
                .containsExactly(
                        ClusterDeletionStarted.NAME,
                        ClusterDeleted.NAME,
                        ClusterDeletionStarted.NAME,
                        ClusterDeleted.NAME);
        assertThat(published.get(1).id()).isEqualTo(published.get(3).id());
        assertThat(published)
                .allSatisfy(event -> assertThat(event.metadata().causationId()).isEqualTo(command.id()));
    }

    @Test
    void aDeletionTheBackendCannotFinishIsAChangeFailedNotADeleted() {
        infrastructure.deleteOutcomes.add(() -> {
            throw new InfrastructureException("The namespace is still terminating.", false);
        });

        handler.handle(delete("minikube", "local"));

        assertThat(published)
                .extracting(ClusterEvent::name)
                .containsExactly(ClusterDeletionStarted.NAME, ClusterChangeFailed.NAME);
    }

    @Test
    void aChangeInAnUnknownRegionIsRefusedWithoutTouchingAnyInfrastructure() {
        handler.handle(scale("aws", "eu-west-1", 5));
        handler.handle(delete("aws", "eu-west-1"));

        assertThat(infrastructure.updated).isEmpty();
        assertThat(infrastructure.deleted).isEmpty();
        assertThat(published)
                .extracting(ClusterEvent::name)
                .containsExactly(ClusterChangeFailed.NAME, ClusterChangeFailed.NAME);
    }

    @Test
    void aDeletionInAnUnknownRegionIsRefusedSayingNothingWasDeletedNeverAnnouncedDeleted() {
        DeleteDBCluster command = delete("aws", "eu-west-1");

        handler.handle(command);

        assertThat(infrastructure.deleted).isEmpty();
        assertThat(published).singleElement().isInstanceOfSatisfying(ClusterChangeFailed.class, failed -> {
            assertThat(failed.reason())
                    .isEqualTo("No Kubernetes API is configured for aws/eu-west-1, so Nebula cannot reach the cluster"
                            + " there to delete it; nothing was deleted.");
            assertThat(failed.metadata().causationId()).isEqualTo(command.id());
        });
    }

    private static ScaleDBCluster scale(String provider, String region, int nodes) {
        return new ScaleDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                newChain(null),
                UUID.randomUUID(),
                provider,
                region,
                UUID.randomUUID(),
                "vectors",
                Engine.QDRANT,
                "1.13.4",
                configuration(nodes));
    }

    private static UpgradeDBCluster upgrade(String previous, String target) {
        return new UpgradeDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                newChain(null),
                UUID.randomUUID(),
                "minikube",
                "local",
                UUID.randomUUID(),
                "vectors",
                Engine.QDRANT,
                target,
                previous,
                configuration(3));
    }

    private static DeleteDBCluster delete(String provider, String region) {
        return new DeleteDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                newChain(null),
                UUID.randomUUID(),
                provider,
                region,
                UUID.randomUUID(),
                Engine.QDRANT);
    }

    private static ProvisionDBCluster command(String provider, String region) {
        return new ProvisionDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                newChain("trace-1"),
                UUID.randomUUID(),
                provider,
                region,
                UUID.randomUUID(),
                "vectors",
                Engine.QDRANT,
                "1.13.4",
                configuration(3));
    }

    /** The metadata of a command that starts a new chain of messages. */
    private static MessageMetadata newChain(@Nullable String traceId) {
        return new MessageMetadata(UUID.randomUUID(), null, traceId);
    }

    /** {@code nodes} nodes of 2 CPUs, 4Gi of memory and 50Gi of disk each. */
    private static DbConfiguration configuration(int nodes) {
        return new DbConfiguration("x.example", nodes, new NodeConfiguration("2", "4Gi", "50Gi"));
    }

    private static RegionCatalog catalog() {
        return new RegionCatalog(
                TestRegions.nebula("minikube", "local", TestRegions.region().build()));
    }

    /** Records what the handler asked for; answers provisioning from {@link #outcomes}. */
    final class FakeInfrastructure implements InfrastructureClient {

        final List<DBClusterSpecs> updated = new ArrayList<>();
        final List<ClusterRef> deleted = new ArrayList<>();
        final Deque<Supplier<ProvisioningReport>> updateOutcomes = new ArrayDeque<>();
        final Deque<Supplier<DeletionReport>> deleteOutcomes = new ArrayDeque<>();

        @Nullable
        ObservedCluster observed;

        @Override
        public ProvisioningReport provision(DBClusterSpecs specs) {
            provisioned.add(specs);
            return outcomes.isEmpty()
                    ? new ProvisioningReport(List.of())
                    : outcomes.pop().get();
        }

        @Override
        public ProvisioningReport update(DBClusterSpecs specs) {
            updated.add(specs);
            return updateOutcomes.isEmpty()
                    ? new ProvisioningReport(List.of())
                    : updateOutcomes.pop().get();
        }

        @Override
        public DeletionReport delete(ClusterRef cluster) {
            deleted.add(cluster);
            return deleteOutcomes.isEmpty()
                    ? new DeletionReport(true, List.of(), List.of())
                    : deleteOutcomes.pop().get();
        }

        @Override
        public Optional<ObservedCluster> observe(ClusterRef cluster) {
            return Optional.ofNullable(observed);
        }
    }
}

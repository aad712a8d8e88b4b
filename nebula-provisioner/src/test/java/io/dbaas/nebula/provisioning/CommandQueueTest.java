package io.dbaas.nebula.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.config.RetryProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.support.NebulaDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The queue of commands that wait, on Nebula's real database, with a clock the test moves. */
class CommandQueueTest {

    private static final RetryProperties RETRY = new RetryProperties(
            Duration.ofSeconds(1), Duration.ofMinutes(5), 0, Duration.ofHours(24), Duration.ofSeconds(1));

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final List<ClusterEvent> published = new ArrayList<>();
    private final RegionDown infrastructure = new RegionDown();
    private final ClusterEvents events = new ClusterEvents(clock, MessageTracing.off());
    private final ClusterCommandHandler handler = new ClusterCommandHandler(
            new RegionCatalog(
                    TestRegions.nebula("minikube", "local", TestRegions.region().build())),
            infrastructure,
            published::add,
            events,
            (region, account, cluster) -> {
                throw new AssertionError("no purge in these tests");
            });
    private final CommandQueue queue = new CommandQueue(
            handler,
            new PendingCommands(NebulaDatabase.jdbc()),
            new BackOff(RETRY, RandomGenerator.getDefault()),
            published::add,
            events,
            clock,
            MessageTracing.off());

    @Test
    void aCommandThatFailsTransientlyIsKeptAnnouncedAndAttemptedAgainOnlyOnceDue() {
        ProvisionDBCluster provision = provision(UUID.randomUUID());

        queue.accept(provision);

        ClusterCommandDeferred first = lastDeferred();
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(first.reason())
                .isEqualTo("Waiting for the Kubernetes API of minikube/local, next attempt at 2026-12-07T10:00:01Z"
                        + " (attempt 1 failed: The Kubernetes API of minikube/local is unreachable).");

        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned).as("not due yet").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned).hasSize(2);
        assertThat(lastDeferred().attempts()).isEqualTo(2);
        assertThat(lastDeferred().nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(2));

        infrastructure.up = true;
        clock.advance(Duration.ofSeconds(2));
        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned).hasSize(3);
        clock.advance(Duration.ofMinutes(10));
        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned).as("done: never attempted again").hasSize(3);
        assertThat(published).noneMatch(ClusterFailed.class::isInstance);
    }

    @Test
    void aCommandArrivingWhileAnEarlierOneOfItsClusterWaitsRunsAfterIt() {
        UUID cluster = UUID.randomUUID();
        ProvisionDBCluster provision = provision(cluster);
        queue.accept(provision);

        queue.accept(scale(provision));
        assertThat(infrastructure.updated).as("kept behind the provisioning").isEmpty();

        infrastructure.up = true;
        clock.advance(Duration.ofSeconds(1));
        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned).hasSize(2);
        assertThat(infrastructure.updated).isEmpty();
        queue.attemptDueCommands();
        assertThat(infrastructure.updated).hasSize(1);
    }

    @Test
    void aCommandStillFailingAtTheHorizonFailsWithWhatWentWrongLast() {
        ProvisionDBCluster provision = provision(UUID.randomUUID());
        queue.accept(provision);

        for (int pass = 0; pass < 400 && published.stream().noneMatch(ClusterFailed.class::isInstance); pass++) {
            clock.advance(Duration.ofMinutes(5));
            queue.attemptDueCommands();
        }

        ClusterFailed failed = published.stream()
                .filter(ClusterFailed.class::isInstance)
                .map(ClusterFailed.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(failed.reason())
                .startsWith("Nebula stopped trying after 24h of waiting for the Kubernetes API of minikube/local (")
                .endsWith("attempts): The Kubernetes API of minikube/local is unreachable.");
        assertThat(failed.metadata().causationId()).isEqualTo(provision.id());
        long attemptsBefore = infrastructure.provisioned.size();
        clock.advance(Duration.ofHours(1));
        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned)
                .as("given up: never attempted again")
                .hasSize((int) attemptsBefore);
    }

    @Test
    void aDeletionSupersedesTheWaitingProvisioningWhichEndsFailedAndTheClusterIsDeleted() {
        UUID cluster = UUID.randomUUID();
        ProvisionDBCluster provision = provision(cluster);
        queue.accept(provision);
        infrastructure.nothingThere = true;

        queue.accept(delete(provision));

        assertThat(published)
                .filteredOn(ClusterFailed.class::isInstance)
                .singleElement()
                .satisfies(failed -> {
                    assertThat(failed.metadata().causationId()).isEqualTo(provision.id());
                    assertThat(((ClusterFailed) failed).reason())
                            .isEqualTo("The cluster was deleted before Nebula could create it.");
                });
        assertThat(published).last().isInstanceOf(ClusterDeleted.class);
        clock.advance(Duration.ofMinutes(10));
        queue.attemptDueCommands();
        assertThat(infrastructure.provisioned)
                .as("superseded: never attempted again")
                .hasSize(1);
    }

    private ClusterCommandDeferred lastDeferred() {
        return published.stream()
                .filter(ClusterCommandDeferred.class::isInstance)
                .map(ClusterCommandDeferred.class::cast)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private static ProvisionDBCluster provision(UUID clusterId) {
        return new ProvisionDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                "minikube",
                "local",
                clusterId,
                "vectors",
                Engine.QDRANT,
                "1.13.4",
                new DbConfiguration("x.example", 3, new NodeConfiguration("2", "4Gi", "50Gi")));
    }

    private static ScaleDBCluster scale(ProvisionDBCluster command) {
        return new ScaleDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                command.metadata(),
                command.accountId(),
                command.cloudProvider(),
                command.cloudRegion(),
                command.clusterId(),
                command.clusterName(),
                command.engine(),
                command.clusterVersion(),
                new DbConfiguration("x.example", 5, new NodeConfiguration("2", "4Gi", "50Gi")));
    }

    private static DeleteDBCluster delete(ClusterCommand command) {
        return new DeleteDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                "minikube",
                "local",
                command.clusterId(),
                Engine.QDRANT);
    }

    /** A region whose API does not answer until {@link #up}. */
    private static final class RegionDown implements InfrastructureClient {

        final List<DBClusterSpecs> provisioned = new ArrayList<>();
        final List<DBClusterSpecs> updated = new ArrayList<>();
        volatile boolean up;
        volatile boolean nothingThere;

        @Override
        public ProvisioningReport provision(DBClusterSpecs specs) {
            provisioned.add(specs);
            return answer();
        }

        @Override
        public ProvisioningReport update(DBClusterSpecs specs) {
            updated.add(specs);
            return answer();
        }

        @Override
        public DeletionReport delete(ClusterRef cluster) {
            if (nothingThere) {
                return new DeletionReport(false, List.of(), List.of());
            }
            answer();
            return new DeletionReport(true, List.of(), List.of());
        }

        @Override
        public Optional<ObservedCluster> observe(ClusterRef cluster) {
            return Optional.empty();
        }

        private ProvisioningReport answer() {
            if (!up) {
                throw new InfrastructureException("The Kubernetes API of minikube/local is unreachable.", true);
            }
            return new ProvisioningReport(List.of());
        }
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

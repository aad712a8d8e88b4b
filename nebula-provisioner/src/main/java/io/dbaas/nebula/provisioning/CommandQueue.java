package io.dbaas.nebula.provisioning;

import io.dbaas.contracts.command.BackupCommand;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.ClusterSpecCommand;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.provisioning.PendingCommands.Pending;
import io.dbaas.nebula.region.RegionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out every accepted command sooner or later. A command is attempted when it arrives; one that fails for a
 * reason that may pass is kept in Nebula's database ({@link PendingCommands}) and attempted again with back-off until
 * it is done or the retry horizon has passed, each failed attempt announced by a {@code ClusterCommandDeferred} that
 * names the region and the next attempt. Only a permanent failure, or the horizon, ends it in a failure.
 *
 * <p>The Kafka consumer never waits for a region: its record is committed once the command is kept. Within a cluster,
 * commands run in the order they arrived: one that arrives while an earlier one waits is kept behind it. A deletion is
 * the exception: it supersedes the commands it finds waiting (the cluster is to go, whatever they would have made of
 * it), and a waiting provisioning ends as failed, so that its operation ends too.
 *
 * <p>Kept commands survive a restart: the scheduler picks them up where they were left.
 */
public class CommandQueue {

    private static final Logger log = LoggerFactory.getLogger(CommandQueue.class);
    /** How many due commands one scheduler pass attempts; the rest wait for the next pass. */
    private static final int BATCH = 20;
    /** How long an instance holds a command it attempts before another may take it (it stopped mid-attempt). */
    private static final Duration LEASE = Duration.ofMinutes(15);

    private final ClusterCommandHandler handler;
    private final PendingCommands pending;
    private final BackOff backOff;
    private final ClusterEventPublisher publisher;
    private final ClusterEvents events;
    private final Clock clock;
    private final MessageTracing tracing;
    private final Map<UUID, ReentrantLock> clusterLocks = new ConcurrentHashMap<>();

    CommandQueue(
            ClusterCommandHandler handler,
            PendingCommands pending,
            BackOff backOff,
            ClusterEventPublisher publisher,
            ClusterEvents events,
            Clock clock,
            MessageTracing tracing) {
        this.handler = handler;
        this.pending = pending;
        this.backOff = backOff;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.tracing = tracing;
    }

    /** A command just read from Kafka: attempted now, or kept behind its cluster's waiting commands. */
    public void accept(ClusterCommand command) {
        holding(command.clusterId(), () -> {
            if (command instanceof DeleteDBCluster) {
                supersedeWaitingCommands(command);
            } else if (pending.hasAnyFor(command.clusterId())) {
                pending.enqueue(command, clock.instant());
                log.info(
                        "Cluster {}: {} {} waits behind the cluster's earlier commands",
                        command.clusterId(),
                        command.name(),
                        command.id());
                return;
            }
            attempt(command, Optional.empty());
        });
    }

    /** Attempts the kept commands that are due; called by the scheduler. */
    public void attemptDueCommands() {
        for (Pending due : pending.due(clock.instant(), BATCH)) {
            if (!pending.claim(due, clock.instant().plus(LEASE))) {
                continue; // another instance took it
            }
            ClusterCommand command = due.command();
            try {
                // Each attempt joins the trace of the request that wrote the command.
                tracing.run(
                        "nebula.command.retry",
                        command.metadata(),
                        () -> holding(command.clusterId(), () -> {
                            // A deletion may have superseded it since it was read.
                            if (pending.find(command.id()).isPresent()) {
                                attempt(command, Optional.of(due));
                            }
                        }));
            } catch (RuntimeException e) {
                // The event bus, most likely; the lease runs out and the command is attempted again then.
                log.warn(
                        "Cluster {}: attempt of {} {} failed unexpectedly; it is tried again in {}",
                        command.clusterId(),
                        command.name(),
                        command.id(),
                        LEASE,
                        e);
            }
        }
    }

    private void attempt(ClusterCommand command, Optional<Pending> before) {
        try {
            handler.handle(command);
            before.ifPresent(kept -> {
                pending.remove(command.id());
                log.info(
                        "Cluster {}: {} {} carried out after {} failed attempt(s)",
                        command.clusterId(),
                        command.name(),
                        command.id(),
                        kept.attempts());
            });
        } catch (CommandDeferredException deferred) {
            waitOrGiveUp(command, before, deferred.problem());
        }
    }

    private void waitOrGiveUp(ClusterCommand command, Optional<Pending> before, String problem) {
        Instant now = clock.instant();
        int attempts = before.map(Pending::attempts).orElse(0) + 1;
        Instant firstFailure = before.map(Pending::firstFailureAt)
                .flatMap(Optional::ofNullable)
                .orElse(now);
        RegionId region = regionOf(command);
        Optional<Instant> next = backOff.nextAttempt(firstFailure, attempts, now);
        if (next.isEmpty()) {
            String reason = "Nebula stopped trying after %s of waiting for the Kubernetes API of %s (%d attempts): %s"
                    .formatted(Durations.describe(Duration.between(firstFailure, now)), region, attempts, problem);
            handler.giveUp(command, reason);
            pending.remove(command.id());
            return;
        }
        Instant nextAttempt = next.get();
        pending.recordFailure(command, attempts, firstFailure, nextAttempt, problem);
        String reason = "Waiting for the Kubernetes API of %s, next attempt at %s (attempt %d failed: %s)"
                .formatted(region, nextAttempt.truncatedTo(ChronoUnit.SECONDS), attempts, withoutFinalStop(problem));
        log.info("Cluster {}: {} {}: {}", command.clusterId(), command.name(), command.id(), reason);
        publisher.publish(
                events.deferred(command, region.provider(), region.region(), reason + ".", attempts, nextAttempt));
    }

    private void supersedeWaitingCommands(ClusterCommand deletion) {
        List<ClusterCommand> superseded = pending.removeAllOf(deletion.clusterId());
        for (ClusterCommand command : superseded) {
            log.info(
                    "Cluster {}: {} {} is superseded by {} {}",
                    command.clusterId(),
                    command.name(),
                    command.id(),
                    deletion.name(),
                    deletion.id());
            if (command instanceof ProvisionDBCluster) {
                handler.giveUp(command, "The cluster was deleted before Nebula could create it.");
            }
        }
    }

    private static RegionId regionOf(ClusterCommand command) {
        return switch (command) {
            case ClusterSpecCommand spec -> new RegionId(spec.cloudProvider(), spec.cloudRegion());
            case DeleteDBCluster delete -> new RegionId(delete.cloudProvider(), delete.cloudRegion());
            case BackupCommand backup -> new RegionId(backup.cloudProvider(), backup.cloudRegion());
        };
    }

    private static String withoutFinalStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private void holding(UUID clusterId, Runnable work) {
        ReentrantLock lock = clusterLocks.computeIfAbsent(clusterId, id -> new ReentrantLock());
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}

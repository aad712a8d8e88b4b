package io.dbaas.orion.backup;

import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterNotFoundException;
import io.dbaas.orion.cluster.ClusterStateConflictException;
import io.dbaas.orion.cluster.Clusters;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.OperationKind;
import io.dbaas.orion.operation.Operations;
import io.dbaas.orion.operation.RequestedChange;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.PageToken;
import io.dbaas.orion.shared.Paging;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What clients ask of backups: policies, backups now, deletions and listings, within their account. */
@Service
public class BackupRequests {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final Clusters clusters;
    private final Backups backups;
    private final BackupPolicies policies;
    private final BackupCommands commands;
    private final Operations operations;
    private final BackupProperties properties;
    private final Clock clock;

    BackupRequests(
            Clusters clusters,
            Backups backups,
            BackupPolicies policies,
            BackupCommands commands,
            Operations operations,
            BackupProperties properties,
            Clock clock) {
        this.clusters = clusters;
        this.backups = backups;
        this.policies = policies;
        this.commands = commands;
        this.operations = operations;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public BackupPolicy policy(UUID accountId, UUID clusterId) {
        return policies.of(cluster(accountId, clusterId).id());
    }

    /**
     * Replaces the cluster's policy. Every field is required; {@code enabled: false} turns backups off, explicitly.
     *
     * @throws InvalidBackupPolicyException naming every field at fault; nothing changed
     */
    @Transactional
    public BackupPolicy changePolicy(UUID accountId, UUID clusterId, PolicyChange change) {
        Cluster cluster = cluster(accountId, clusterId);
        BackupPolicy policy = validate(change);
        policies.save(cluster.id(), policy, clock.instant());
        return policy;
    }

    private BackupPolicy validate(PolicyChange change) {
        var violations = new ArrayList<FieldViolation>();
        if (change.enabled() == null) {
            violations.add(new FieldViolation("enabled", "is required (true or false)"));
        }
        Duration interval = null;
        if (change.interval() == null) {
            violations.add(new FieldViolation("interval", "is required, an ISO-8601 duration such as \"PT6H\""));
        } else {
            interval = interval(change.interval(), violations);
        }
        Integer retention = change.retention();
        if (retention == null) {
            violations.add(new FieldViolation("retention", "is required"));
        } else if (retention < 1 || retention > properties.maxRetention()) {
            violations.add(new FieldViolation("retention", "must be between 1 and " + properties.maxRetention()));
        }
        if (!violations.isEmpty() || change.enabled() == null || interval == null || retention == null) {
            throw new InvalidBackupPolicyException(violations);
        }
        return new BackupPolicy(change.enabled(), interval, retention);
    }

    private @Nullable Duration interval(String text, List<FieldViolation> violations) {
        Duration interval;
        try {
            interval = Duration.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("interval", "is not an ISO-8601 duration such as \"PT6H\" or \"P1D\""));
            return null;
        }
        if (interval.compareTo(properties.minInterval()) < 0 || interval.compareTo(properties.maxInterval()) > 0) {
            violations.add(new FieldViolation(
                    "interval",
                    "must be between %s and %s".formatted(properties.minInterval(), properties.maxInterval())));
            return null;
        }
        if (!BackupPolicy.isWholeMinutes(interval)) {
            violations.add(new FieldViolation("interval", "must be a whole number of minutes"));
            return null;
        }
        return interval;
    }

    /**
     * Takes a backup of the cluster now: its row, its {@code backup} operation and its {@code TakeBackup} are written
     * together.
     *
     * @throws ClusterStateConflictException when the cluster does not serve
     * @throws BackupInProgressException when a backup of it is being taken
     * @throws OnDemandLimitException when it holds {@code orion.backups.max-on-demand} backups taken on request
     */
    @Transactional
    public AcceptedBackup takeNow(UUID accountId, UUID clusterId) {
        cluster(accountId, clusterId);
        // Locked: two requests of one cluster are decided one after the other.
        Cluster cluster = clusters.lock(clusterId).orElseThrow(() -> new ClusterNotFoundException(clusterId));
        if (!cluster.isChangeable()) {
            throw new ClusterStateConflictException(
                    clusterId, cluster.state(), "a backup can be taken of a RUNNING or DEGRADED cluster only");
        }
        if (backups.anyRunning(clusterId)) {
            throw new BackupInProgressException(clusterId);
        }
        if (backups.onDemandHeld(clusterId) >= properties.maxOnDemand()) {
            throw new OnDemandLimitException(clusterId, properties.maxOnDemand());
        }
        Instant now = clock.instant();
        String id = BackupIds.onDemand(clusterId, now);
        Operation operation = operations.save(Operation.accept(
                UUID.randomUUID(), clusterId, accountId, OperationKind.BACKUP, RequestedChange.NOTHING, now));
        Backup backup = Backup.started(id, clusterId, accountId, BackupTrigger.ON_DEMAND, operation.id(), now);
        if (!backups.insert(backup, cluster.running().nodes(), now)) {
            // Same cluster, same second: the first request's backup is the one being taken.
            throw new BackupInProgressException(clusterId);
        }
        commands.take(operation.id(), BackupTarget.of(cluster), id, BackupTrigger.ON_DEMAND, now);
        return new AcceptedBackup(backup, operation);
    }

    /**
     * Deletes the backup from the storage ({@code DeleteBackup}); it is {@code deleting} until Nebula reports. A
     * failed backup holds nothing and is deleted at once; one already deleting or deleted is answered as it is.
     */
    @Transactional
    public Backup delete(UUID accountId, UUID clusterId, String backupId) {
        Cluster cluster = cluster(accountId, clusterId);
        Backup backup = backup(accountId, clusterId, backupId);
        Instant now = clock.instant();
        switch (backup.state()) {
            case RUNNING -> throw new BackupInProgressException(clusterId);
            case FAILED -> backups.move(backupId, BackupState.DELETED, backup.reason(), null, now);
            case COMPLETED -> {
                if (!cluster.isChangeable()) {
                    throw new BackupNotDeletableException(
                            "cluster %s is %s: a backup is deleted through its running cluster; a deleted cluster's backups are purged together after its retention"
                                    .formatted(clusterId, cluster.state()));
                }
                backups.move(backupId, BackupState.DELETING, backup.reason(), null, now);
                commands.delete(BackupTarget.of(cluster), backup, now);
            }
            case DELETING, DELETED, PURGED -> {
                return backup;
            }
        }
        return backup(accountId, clusterId, backupId);
    }

    @Transactional(readOnly = true)
    public Backup find(UUID accountId, UUID clusterId, String backupId) {
        cluster(accountId, clusterId);
        return backup(accountId, clusterId, backupId);
    }

    /** The account's backups, of one cluster or all (deleted clusters' during their retention), newest first. */
    @Transactional(readOnly = true)
    public BackupPage list(
            UUID accountId, @Nullable UUID clusterId, @Nullable Integer pageSize, @Nullable String pageToken) {
        var violations = new ArrayList<FieldViolation>();
        int size = Paging.pageSize(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, violations);
        PageToken after = Paging.after(pageToken, violations);
        if (!violations.isEmpty()) {
            throw new InvalidBackupQueryException(violations);
        }
        List<Backup> page = backups.page(accountId, clusterId, after, size + 1);
        if (page.size() <= size) {
            return new BackupPage(page, null);
        }
        Backup last = page.get(size - 1);
        return new BackupPage(page.subList(0, size), new PageToken(last.startedAt(), last.pageKey()).encode());
    }

    /** The account's cluster, deleted or not. */
    public Cluster cluster(UUID accountId, UUID clusterId) {
        return clusters.findByIdAndAccountId(clusterId, accountId)
                .orElseThrow(() -> new ClusterNotFoundException(clusterId));
    }

    private Backup backup(UUID accountId, UUID clusterId, String backupId) {
        return backups.find(accountId, backupId)
                .filter(found -> found.clusterId().equals(clusterId))
                .orElseThrow(() -> new BackupNotFoundException(backupId));
    }
}

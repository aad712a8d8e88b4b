package io.dbaas.contracts.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How backups are named. A backup's id is also its snapshot's name in the engine and, prefixed, the name of the Job
 * that takes it, so one due time of one cluster can only ever be one backup (ADR 0017): a second Nebula, or a
 * redelivered command, meets the Job that already exists.
 *
 * <ul>
 *   <li>scheduled: {@code <cluster-uuid>-<yyyyMMddHHmm>} of the due time, UTC (49 characters);
 *   <li>on demand: {@code <cluster-uuid>-<yyyyMMddHHmmss>} of the request, UTC (51 characters).
 * </ul>
 *
 * The two lengths differ, so a scheduled and an on-demand backup never share an id.
 */
public final class BackupIds {

    /** What the backup agent and Kubernetes accept as a backup id: lower-case letters, digits and {@code -}. */
    private static final Pattern VALID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-(?:[0-9]{12}|[0-9]{14})");

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private BackupIds() {}

    public static String scheduled(UUID clusterId, Instant dueAt) {
        return clusterId + "-" + MINUTE.format(dueAt);
    }

    public static String onDemand(UUID clusterId, Instant requestedAt) {
        return clusterId + "-" + SECOND.format(requestedAt);
    }

    /** Whether {@code backupId} is a backup id of {@code clusterId}: the check every reader of a message makes. */
    public static boolean belongsTo(String backupId, UUID clusterId) {
        return VALID.matcher(backupId).matches() && backupId.startsWith(clusterId + "-");
    }

    /**
     * The name of the Job that carries out {@code action} on the backup: {@code backup-}, {@code restore-} or
     * {@code delete-} and the id, at most 59 characters: Kubernetes copies a Job's name into its pods' {@code job-name}
     * label, whose values have at most 63.
     */
    public static String jobName(String action, String backupId) {
        return switch (action) {
            case "take" -> "backup-" + backupId;
            case "restore" -> "restore-" + backupId;
            case "delete" -> "delete-" + backupId;
            default -> throw new IllegalArgumentException("unknown backup action " + action);
        };
    }
}

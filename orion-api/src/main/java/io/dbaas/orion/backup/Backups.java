package io.dbaas.orion.backup;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.orion.shared.PageToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every backup of every cluster, in PostgreSQL. Purged backups are kept as rows but never listed. */
@Component
class Backups {

    private static final TypeReference<List<BackupSnapshot>> SNAPSHOTS = new TypeReference<>() {};

    private static final String COLUMNS =
            "id, page_key, cluster_id, account_id, trigger, state, reason, engine_version,"
                    + " size_in_bytes, snapshots::text as snapshots, operation_id, started_at, finished_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Backups(JdbcClient jdbc, MessageCodec codec) {
        this.jdbc = jdbc;
        this.json = codec.json();
    }

    /**
     * Writes a new backup of a cluster of {@code nodes} nodes; {@code false}, writing nothing, when one with its id
     * exists already.
     */
    boolean insert(Backup backup, int nodes, Instant now) {
        return jdbc.sql("""
                        insert into backups (id, page_key, cluster_id, account_id, trigger, nodes, state, operation_id, started_at,
                                             updated_at)
                        values (:id, :key, :cluster, :account, :trigger, :nodes, :state, :operation, :started, :now)
                        on conflict (id) do nothing""")
                        .param("id", backup.id())
                        .param("key", backup.pageKey())
                        .param("cluster", backup.clusterId())
                        .param("account", backup.accountId())
                        .param("trigger", backup.trigger().name())
                        .param("nodes", nodes)
                        .param("state", backup.state().name())
                        .param("operation", backup.operationId())
                        .param("started", Timestamp.from(backup.startedAt()))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The backup, locked for the caller's transaction so that two events on it apply one after the other. */
    Optional<Backup> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from backups where id = :id for update")
                .param("id", id)
                .query(this::backup)
                .optional();
    }

    Optional<Backup> find(UUID accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from backups where id = :id and account_id = :account"
                        + " and state <> 'PURGED'")
                .param("id", id)
                .param("account", accountId)
                .query(this::backup)
                .optional();
    }

    /** The account's backups (of one cluster, or all), newest first, after the token's position. */
    List<Backup> page(UUID accountId, @Nullable UUID clusterId, @Nullable PageToken after, int size) {
        StringBuilder sql = new StringBuilder(
                "select " + COLUMNS + " from backups where account_id = :account" + " and state <> 'PURGED'");
        if (clusterId != null) {
            sql.append(" and cluster_id = :cluster");
        }
        if (after != null) {
            sql.append(" and (started_at, page_key) < (:afterAt, :afterId)");
        }
        sql.append(" order by started_at desc, page_key desc limit :limit");
        var statement = jdbc.sql(sql.toString()).param("account", accountId).param("limit", size);
        if (clusterId != null) {
            statement = statement.param("cluster", clusterId);
        }
        if (after != null) {
            statement = statement.param("afterAt", Timestamp.from(after.at())).param("afterId", after.id());
        }
        return statement.query(this::backup).list();
    }

    /** The cluster's newest backup still listed, whatever its state. */
    Optional<Backup> newestOf(UUID clusterId) {
        return jdbc.sql("select " + COLUMNS + " from backups where cluster_id = :cluster and state <> 'PURGED'"
                        + " order by started_at desc, page_key desc limit 1")
                .param("cluster", clusterId)
                .query(this::backup)
                .optional();
    }

    /** How many nodes the backup's cluster ran when it was taken. */
    Optional<Integer> nodesOf(String id) {
        return jdbc.sql("select nodes from backups where id = :id")
                .param("id", id)
                .query(Integer.class)
                .optional();
    }

    boolean anyRunning(UUID clusterId) {
        return jdbc.sql("select exists (select 1 from backups where cluster_id = :cluster and state = 'RUNNING')")
                .param("cluster", clusterId)
                .query(Boolean.class)
                .single();
    }

    /** Backups taken on request that still hold storage: they count against orion.backups.max-on-demand. */
    int onDemandHeld(UUID clusterId) {
        return jdbc.sql("""
                        select count(*) from backups where cluster_id = :cluster and trigger = 'ON_DEMAND'
                          and state in ('RUNNING', 'COMPLETED', 'DELETING')""").param("cluster", clusterId).query(Integer.class).single();
    }

    /** The cluster's completed scheduled backups past the newest {@code keep}, oldest last. */
    List<Backup> scheduledBeyond(UUID clusterId, int keep) {
        return jdbc.sql("select " + COLUMNS + " from backups where cluster_id = :cluster and trigger = 'SCHEDULED'"
                        + " and state = 'COMPLETED' order by started_at desc, page_key desc offset :keep")
                .param("cluster", clusterId)
                .param("keep", keep)
                .query(this::backup)
                .list();
    }

    void complete(
            String id,
            String engineVersion,
            long size,
            List<BackupSnapshot> snapshots,
            Instant finishedAt,
            Instant now) {
        jdbc.sql("""
                        update backups set state = 'COMPLETED', reason = null, engine_version = :version,
                          size_in_bytes = :size, snapshots = cast(:snapshots as jsonb), finished_at = :finished,
                          updated_at = :now
                        where id = :id""")
                .param("id", id)
                .param("version", engineVersion)
                .param("size", size)
                .param("snapshots", json.writeValueAsString(snapshots))
                .param("finished", Timestamp.from(finishedAt))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Moves the backup to {@code state}; {@code reason} replaces the one it had (null clears it). */
    void move(String id, BackupState state, @Nullable String reason, @Nullable Instant finishedAt, Instant now) {
        jdbc.sql("""
                        update backups set state = :state, reason = :reason,
                          finished_at = coalesce(:finished, finished_at), updated_at = :now
                        where id = :id""")
                .param("id", id)
                .param("state", state.name())
                .param("reason", Reasons.bounded(reason))
                .param("finished", finishedAt == null ? null : Timestamp.from(finishedAt))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Keeps the reason a deletion failed while putting the backup back to completed. */
    void deletionFailed(String id, String reason, Instant now) {
        move(id, BackupState.COMPLETED, reason, null, now);
    }

    /** Every listed backup of the cluster is purged: none is listed any more. */
    int purgeAllOf(UUID clusterId, Instant now) {
        return jdbc.sql("update backups set state = 'PURGED', updated_at = :now where cluster_id = :cluster"
                        + " and state <> 'PURGED'")
                .param("cluster", clusterId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Forgets failed and deleted backups settled before {@code cutoff}: nothing of them is in the storage. */
    int forgetSettledBefore(Instant cutoff) {
        return jdbc.sql("delete from backups where state in ('FAILED', 'DELETED') and updated_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    /** Backups whose clusters are the given ones and that are still listed; for tests and the purge. */
    List<Backup> of(Collection<UUID> clusterIds) {
        return jdbc.sql("select " + COLUMNS + " from backups where cluster_id in (:clusters) and state <> 'PURGED'")
                .param("clusters", clusterIds)
                .query(this::backup)
                .list();
    }

    private Backup backup(ResultSet row, int number) throws SQLException {
        long size = row.getLong("size_in_bytes");
        Long sizeInBytes = row.wasNull() ? null : size;
        Timestamp finished = row.getTimestamp("finished_at");
        String operation = row.getString("operation_id");
        return new Backup(
                row.getString("id"),
                row.getObject("page_key", UUID.class),
                row.getObject("cluster_id", UUID.class),
                row.getObject("account_id", UUID.class),
                BackupTrigger.valueOf(row.getString("trigger")),
                BackupState.valueOf(row.getString("state")),
                row.getString("reason"),
                row.getString("engine_version"),
                sizeInBytes,
                json.readValue(row.getString("snapshots"), SNAPSHOTS),
                operation == null ? null : UUID.fromString(operation),
                row.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}

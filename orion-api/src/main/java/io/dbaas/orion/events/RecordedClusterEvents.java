package io.dbaas.orion.events;

import io.dbaas.orion.shared.PageToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The events kept of every cluster (table {@code cluster_events}). */
@Component
class RecordedClusterEvents {

    private static final String COLUMNS = """
            id, cluster_id, type, occurred_at, reason, engine_version, node_count, nodes_ready, operation_id,
            next_attempt_at""";

    private final JdbcClient jdbc;

    RecordedClusterEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the event in the transaction that applies it: it is recorded exactly when its effect is. Deduplication is
     * {@code processed_messages}' job; an id already here is left as it is rather than failing the event's effect.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(RecordedClusterEvent event, Instant recordedAt) {
        jdbc.sql("insert into cluster_events (" + COLUMNS + ", recorded_at)"
                        + " values (:id, :cluster, :type, :occurred, :reason, :version, :nodes, :ready, :operation,"
                        + " :next, :recorded) on conflict (id) do nothing")
                .param("id", event.id())
                .param("cluster", event.clusterId())
                .param("type", event.type().name())
                .param("occurred", Timestamp.from(event.occurredAt()))
                .param("reason", event.reason())
                .param("version", event.engineVersion())
                .param("nodes", event.nodeCount())
                .param("ready", event.nodesReady())
                .param("operation", event.operationId())
                .param("next", event.nextAttemptAt() == null ? null : Timestamp.from(event.nextAttemptAt()))
                .param("recorded", Timestamp.from(recordedAt))
                .update();
    }

    /** At most {@code limit} events of the cluster, newest first, starting after {@code after} when given. */
    List<RecordedClusterEvent> newestFirst(UUID clusterId, @Nullable PageToken after, int limit) {
        if (after == null) {
            return jdbc.sql("select " + COLUMNS + " from cluster_events where cluster_id = :cluster"
                            + " order by occurred_at desc, id desc limit :limit")
                    .param("cluster", clusterId)
                    .param("limit", limit)
                    .query(RecordedClusterEvents::read)
                    .list();
        }
        return jdbc.sql("select " + COLUMNS + " from cluster_events where cluster_id = :cluster"
                        + " and (occurred_at, id) < (:at, :id) order by occurred_at desc, id desc limit :limit")
                .param("cluster", clusterId)
                .param("at", Timestamp.from(after.at()))
                .param("id", after.id())
                .param("limit", limit)
                .query(RecordedClusterEvents::read)
                .list();
    }

    /** Deletes at most {@code batch} events that occurred before {@code cutoff}; returns how many. */
    @Transactional(propagation = Propagation.MANDATORY)
    int deleteOccurredBefore(Instant cutoff, int batch) {
        return jdbc.sql("delete from cluster_events where id in"
                        + " (select id from cluster_events where occurred_at < :cutoff limit :batch)")
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    private static RecordedClusterEvent read(ResultSet row, int number) throws SQLException {
        return new RecordedClusterEvent(
                row.getObject("id", UUID.class),
                row.getObject("cluster_id", UUID.class),
                ClusterEventType.valueOf(row.getString("type")),
                instant(row, "occurred_at"),
                row.getString("reason"),
                row.getString("engine_version"),
                row.getObject("node_count", Integer.class),
                row.getObject("nodes_ready", Integer.class),
                row.getObject("operation_id", UUID.class),
                row.getObject("next_attempt_at") == null ? null : instant(row, "next_attempt_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}

package io.dbaas.orion.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code audit_events}: appended to, read newest first, purged by age. Never updated. */
@Repository
class AuditEvents {

    private final JdbcClient jdbc;

    AuditEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends in the transaction under way: the event commits or rolls back with it. */
    void append(AuditEvent event) {
        jdbc.sql("""
                        insert into audit_events
                            (id, occurred_at, account_id, actor_credential_id, actor_role, action, resource_type,
                             resource_id, outcome, status, problem_type, client_address)
                        values (:id, :occurredAt, :accountId, :actor, :role, :action, :resourceType,
                                :resourceId, :outcome, :status, :problemType, :clientAddress)""")
                .param("id", event.id())
                .param("occurredAt", Timestamp.from(event.occurredAt()))
                .param("accountId", event.accountId())
                .param("actor", event.actorCredentialId())
                .param("role", event.actorRole())
                .param("action", event.action())
                .param("resourceType", event.resourceType())
                .param("resourceId", event.resourceId())
                .param("outcome", event.outcome().id())
                .param("status", event.status())
                .param("problemType", event.problemType())
                .param("clientAddress", event.clientAddress())
                .update();
    }

    /** Up to {@code limit} events matching every filter set, newest first, after the page token's event. */
    List<AuditEvent> find(AuditFilter filter, int limit) {
        var where = new ArrayList<String>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.accountId() != null) {
            where.add("account_id = :accountId");
            params.put("accountId", filter.accountId());
        }
        if (filter.resourceType() != null) {
            where.add("resource_type = :resourceType");
            params.put("resourceType", filter.resourceType());
        }
        if (filter.resourceId() != null) {
            where.add("resource_id = :resourceId");
            params.put("resourceId", filter.resourceId());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            params.put("action", filter.action());
        }
        if (filter.actor() != null) {
            where.add("actor_credential_id = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.outcome() != null) {
            where.add("outcome = :outcome");
            params.put("outcome", filter.outcome().id());
        }
        if (filter.since() != null) {
            where.add("occurred_at >= :since");
            params.put("since", Timestamp.from(filter.since()));
        }
        if (filter.until() != null) {
            where.add("occurred_at < :until");
            params.put("until", Timestamp.from(filter.until()));
        }
        if (filter.after() != null) {
            where.add("(occurred_at, id) < (:afterTime, :afterId)");
            params.put("afterTime", Timestamp.from(filter.after().at()));
            params.put("afterId", filter.after().id());
        }
        String sql = "select * from audit_events"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by occurred_at desc, id desc limit :limit";
        params.put("limit", limit);
        return jdbc.sql(sql).params(params).query(AuditEvents::row).list();
    }

    /** Deletes the events that occurred before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from audit_events where occurred_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private static AuditEvent row(ResultSet rs, int rowNum) throws SQLException {
        return new AuditEvent(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getObject("account_id", UUID.class),
                rs.getObject("actor_credential_id", UUID.class),
                rs.getString("actor_role"),
                rs.getString("action"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                AuditOutcome.valueOf(rs.getString("outcome").toUpperCase(java.util.Locale.ROOT)),
                rs.getInt("status"),
                rs.getString("problem_type"),
                rs.getString("client_address"));
    }
}

package io.dbaas.orion.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit events as stored, read straight from the table, for assertions on every column. */
final class AuditRows {

    private final JdbcClient jdbc;

    AuditRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every event of the account, oldest first. */
    List<Map<String, Object>> ofAccount(UUID accountId) {
        return jdbc.sql("select * from audit_events where account_id = :account order by occurred_at, id")
                .param("account", accountId)
                .query()
                .listOfRows();
    }

    /** Every event with this action on this resource, in any account, oldest first. */
    List<Map<String, Object>> of(String action, String resourceId) {
        return jdbc.sql("""
                        select * from audit_events where action = :action and resource_id = :resource
                        order by occurred_at, id""")
                .param("action", action)
                .param("resource", resourceId)
                .query()
                .listOfRows();
    }

    /** Every event of the account with this action, oldest first. */
    List<Map<String, Object>> of(UUID accountId, String action) {
        return jdbc.sql("""
                        select * from audit_events where account_id = :account and action = :action
                        order by occurred_at, id""")
                .param("account", accountId)
                .param("action", action)
                .query()
                .listOfRows();
    }

    /** The whole table as text, every column of every row, to search for what must never be stored. */
    String everything() {
        return String.join(
                "\n",
                jdbc.sql("select e::text from audit_events e")
                        .query(String.class)
                        .list());
    }
}

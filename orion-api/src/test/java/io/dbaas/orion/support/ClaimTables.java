package io.dbaas.orion.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tables an accepted claim writes to, counted to show that a refused claim or a dry run wrote nothing. */
public final class ClaimTables {

    private static final List<String> TABLES =
            List.of("clusters", "operations", "outbox_messages", "resource_claims", "idempotency_keys");

    private ClaimTables() {}

    /** The number of rows of each table, in a fixed order. */
    public static List<Long> rowCounts(JdbcClient jdbc) {
        return TABLES.stream()
                .map(table -> jdbc.sql("select count(*) from " + table)
                        .query(Long.class)
                        .single())
                .toList();
    }
}

package io.dbaas.orion.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Upgrading a database whose clusters were claimed before capacity existed: each cluster that has not failed gets its
 * allocation, so its region is not shown emptier than it is. Runs the real migrations in a schema of its own.
 */
class ExistingClustersMigrationTests extends OrionIntegrationTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    String schema;

    @BeforeEach
    void migrateAFreshSchemaToBeforeCapacity() {
        schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        flyway().target("2").load().migrate();
    }

    @AfterEach
    void dropTheSchema() {
        jdbc.sql("drop schema " + schema + " cascade").update();
    }

    @Test
    void clustersThatHaveNotFailedGetTheirAllocation() {
        UUID accountId = UUID.randomUUID();
        jdbc.sql("insert into " + schema + ".accounts (id, name, created_at) values (:id, 'old', now())")
                .param("id", accountId)
                .update();
        UUID pending = cluster(accountId, "PENDING", "minikube", "local", 3, "500m", "1Gi", "10Gi");
        UUID running = cluster(accountId, "RUNNING", "aws", "eu-west-1", 2, "2", "4Gi", "1Ti");
        UUID failed = cluster(accountId, "FAILED", "minikube", "local", 1, "1", "1Gi", "1Gi");

        flyway().load().migrate();

        assertThat(allocation(pending)).containsExactly(new BigDecimal("1.5"), gibibytes(3), gibibytes(30));
        assertThat(allocation(running)).containsExactly(new BigDecimal("4"), gibibytes(8), gibibytes(2048));
        assertThat(count("resource_claims where cluster_id = '" + failed + "' and allocated_at is not null"))
                .isZero();
        assertThat(count("resource_claims where cluster_id = '" + failed + "'")).isZero();
        assertThat(count("region_capacities where provider = 'aws' and region = 'eu-west-1'"))
                .as("a region no longer configured still gets its row")
                .isEqualTo(1);
    }

    @Test
    void allocationsBecomeTheirClaimsAllocationTimeAndWaitingClaimsStayWaiting() {
        UUID accountId = UUID.randomUUID();
        jdbc.sql("insert into " + schema + ".accounts (id, name, created_at) values (:id, 'old', now())")
                .param("id", accountId)
                .update();
        UUID allocated = cluster(accountId, "RUNNING", "minikube", "local", 2, "1", "2Gi", "10Gi");
        // Failed before capacity existed, so it gets no claim from the earlier migration; one is added below.
        UUID waiting = cluster(accountId, "FAILED", "minikube", "local", 1, "1", "1Gi", "1Gi");
        flyway().target("7").load().migrate();
        jdbc.sql("insert into " + schema + """
                        .resource_claims (cluster_id, provider, region, cpu, memory, disk, claimed_at)
                        values (:id, 'minikube', 'local', 1, 1073741824, 1073741824, now())""").param("id", waiting).update();
        OffsetDateTime allocatedAt = jdbc.sql(
                        "select allocated_at from " + schema + ".resource_allocations where cluster_id = :id")
                .param("id", allocated)
                .query(OffsetDateTime.class)
                .single();

        flyway().load().migrate();

        assertThat(allocation(allocated)).containsExactly(new BigDecimal("2"), gibibytes(4), gibibytes(20));
        assertThat(jdbc.sql("select allocated_cpu, allocated_memory, allocated_disk from " + schema
                                + ".region_capacities where provider = 'minikube' and region = 'local'")
                        .query((row, number) ->
                                List.of(row.getBigDecimal(1), row.getBigDecimal(2), row.getBigDecimal(3)))
                        .single())
                .as("the region's running total counts the allocated claim, not the waiting one")
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2"), gibibytes(4), gibibytes(20));
        assertThat(jdbc.sql("select allocated_at from " + schema + ".resource_claims where cluster_id = :id")
                        .param("id", allocated)
                        .query(OffsetDateTime.class)
                        .single())
                .isEqualTo(allocatedAt);
        assertThat(count("resource_claims where cluster_id = '" + waiting + "' and allocated_at is null"))
                .as("a claim that had no allocation still waits")
                .isEqualTo(1);
        assertThat(jdbc.sql("select to_regclass(:table) is null")
                        .param("table", schema + ".resource_allocations")
                        .query(Boolean.class)
                        .single())
                .as("the allocations table is gone")
                .isTrue();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration");
    }

    private UUID cluster(
            UUID accountId,
            String state,
            String provider,
            String region,
            int nodes,
            String cpu,
            String memory,
            String disk) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into " + schema + """
                        .clusters (id, account_id, name, engine, engine_version, provider, region, nodes, cpu, memory,
                            disk, endpoint, state, reason, created_at, updated_at)
                        values (:id, :account, 'old', 'QDRANT', '1.14.1', :provider, :region, :nodes, :cpu, :memory,
                            :disk, :endpoint, :state, 'before capacity', now(), now())""")
                .paramSource(Map.of(
                        "id", id,
                        "account", accountId,
                        "provider", provider,
                        "region", region,
                        "nodes", nodes,
                        "cpu", cpu,
                        "memory", memory,
                        "disk", disk,
                        "endpoint", id + ".example",
                        "state", state))
                .update();
        return id;
    }

    private List<BigDecimal> allocation(UUID clusterId) {
        return jdbc.sql("select cpu, memory, disk from " + schema
                        + ".resource_claims where cluster_id = :id and allocated_at is not null")
                .param("id", clusterId)
                .query((row, n) -> List.of(
                        row.getBigDecimal("cpu").stripTrailingZeros(),
                        row.getBigDecimal("memory").stripTrailingZeros(),
                        row.getBigDecimal("disk").stripTrailingZeros()))
                .single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("select count(*) from " + schema + "." + fromWhere)
                .query(Long.class)
                .single();
    }

    private static BigDecimal gibibytes(long n) {
        return BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(1L << 30)).stripTrailingZeros();
    }
}

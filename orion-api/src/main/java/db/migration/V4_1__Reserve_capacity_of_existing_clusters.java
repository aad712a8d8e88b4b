package db.migration;

import io.dbaas.orion.capacity.Quantity;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Clusters claimed before capacity existed (V3) hold no allocation, so their regions would look emptier than they are
 * and accept more than they can hold. This gives every such cluster that has not failed its claim and allocation, as if
 * it had been made when it was claimed. Java, not SQL, so that quantities such as {@code 500m} and {@code 8Gi} are read
 * by the same parser as claims. Version 4.1 rather than 5: Java migrations live outside {@code resources/db/migration},
 * where people look for the next free version, so a whole number here could clash with someone's next SQL migration.
 */
public class V4_1__Reserve_capacity_of_existing_clusters extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement regions = connection.prepareStatement("""
                insert into region_capacities (provider, region, cpu, memory, disk, set_by, updated_at)
                select distinct provider, region, 0, 0, 0, 'CONFIGURATION', now() from clusters
                on conflict (provider, region) do nothing""")) {
            // Sized at the next start from configuration, like every region.
            regions.executeUpdate();
        }
        try (PreparedStatement unclaimed = connection.prepareStatement("""
                        select id, provider, region, nodes, cpu, memory, disk, created_at from clusters c
                        where state <> 'FAILED'
                          and not exists (select 1 from resource_claims r where r.cluster_id = c.id)""");
                PreparedStatement claim = connection.prepareStatement("""
                        insert into resource_claims (cluster_id, provider, region, cpu, memory, disk, claimed_at)
                        values (?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement allocation = connection.prepareStatement("""
                        insert into resource_allocations
                            (cluster_id, provider, region, cpu, memory, disk, allocated_at)
                        values (?, ?, ?, ?, ?, ?, ?)""");
                ResultSet clusters = unclaimed.executeQuery()) {
            while (clusters.next()) {
                BigDecimal nodes = BigDecimal.valueOf(clusters.getInt("nodes"));
                for (PreparedStatement insert : new PreparedStatement[] {claim, allocation}) {
                    insert.setObject(1, clusters.getObject("id"));
                    insert.setString(2, clusters.getString("provider"));
                    insert.setString(3, clusters.getString("region"));
                    insert.setBigDecimal(4, total(clusters.getString("cpu"), nodes));
                    insert.setBigDecimal(5, total(clusters.getString("memory"), nodes));
                    insert.setBigDecimal(6, total(clusters.getString("disk"), nodes));
                    insert.setTimestamp(7, clusters.getTimestamp("created_at"));
                    insert.executeUpdate();
                }
            }
        }
    }

    private static BigDecimal total(String perNode, BigDecimal nodes) {
        return Quantity.of(perNode).value().multiply(nodes);
    }
}

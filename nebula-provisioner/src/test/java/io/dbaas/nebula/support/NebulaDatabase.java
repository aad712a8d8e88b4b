package io.dbaas.nebula.support;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.security.MasterKeyVault;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One real PostgreSQL per test JVM for Nebula's own tables, migrated by the service's Flyway scripts into the schema
 * {@code nebula}, as in service mode. Spring Boot tests get it through {@link NebulaDatabaseEnvironment}; plain tests
 * build a {@link #vault()} on it.
 */
public final class NebulaDatabase {

    /** The key-encryption key of the tests' vaults (32 zero-free test bytes, never used outside tests). */
    public static final String KEY_ENCRYPTION_KEY =
            Base64.getEncoder().encodeToString("nebula-tests-key-encryption-key!".getBytes());

    private static final EmbeddedPostgres POSTGRES = start();
    private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

    private NebulaDatabase() {}

    public static String jdbcUrl() {
        return POSTGRES.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A database of its own in the same PostgreSQL, created on first use and migrated by Nebula's Flyway when Nebula
     * starts on it. For a Nebula that stays up while another test's Nebula runs: each attempts the waiting commands it
     * finds in its database, and would take (and fail) those of regions only the other one knows.
     */
    public static String jdbcUrl(String database) {
        if (!database.matches("[a-z_]+")) {
            throw new IllegalArgumentException("a plain lower-case name, please: " + database);
        }
        if (DATABASES.add(database)) {
            JdbcClient.create(POSTGRES.getPostgresDatabase())
                    .sql("create database " + database)
                    .update();
        }
        return POSTGRES.getJdbcUrl("postgres", database);
    }

    /** Direct access to Nebula's tables in {@code database} (see {@link #jdbcUrl(String)}). */
    public static JdbcClient jdbc(String database) {
        return JdbcClient.create(dataSource(jdbcUrl(database)));
    }

    /** A vault on the shared database, sealing with {@link #KEY_ENCRYPTION_KEY}. */
    public static MasterKeyVault vault() {
        return new MasterKeyVault(jdbc(), MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY));
    }

    /** Direct access to Nebula's tables, to look at what is stored. */
    public static JdbcClient jdbc() {
        return JdbcClient.create(dataSource(jdbcUrl()));
    }

    private static DataSource dataSource(String jdbcUrl) {
        var dataSource = new org.springframework.jdbc.datasource.SimpleDriverDataSource();
        dataSource.setDriverClass(org.postgresql.Driver.class);
        dataSource.setUrl(jdbcUrl + "&currentSchema=nebula");
        dataSource.setUsername("postgres");
        return dataSource;
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Flyway.configure()
                    .dataSource(postgres.getPostgresDatabase())
                    .schemas("nebula")
                    .defaultSchema("nebula")
                    .load()
                    .migrate();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.dbaas.nebula.support;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.security.MasterKeyVault;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
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

    private NebulaDatabase() {}

    public static String jdbcUrl() {
        return POSTGRES.getJdbcUrl("postgres", "postgres");
    }

    /** A vault on the shared database, sealing with {@link #KEY_ENCRYPTION_KEY}. */
    public static MasterKeyVault vault() {
        return new MasterKeyVault(jdbc(), MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY));
    }

    /** Direct access to Nebula's tables, to look at what is stored. */
    public static JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    private static DataSource dataSource() {
        var dataSource = new org.springframework.jdbc.datasource.SimpleDriverDataSource();
        dataSource.setDriverClass(org.postgresql.Driver.class);
        dataSource.setUrl(jdbcUrl() + "&currentSchema=nebula");
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

package io.dbaas.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A real PostgreSQL server and a real Kafka broker (KRaft) running on this machine, for a local run or a test. */
public final class EmbeddedInfrastructure {

    private EmbeddedInfrastructure() {}

    /** PostgreSQL from binaries shipped in a Maven artifact; data in a fresh temporary directory. */
    public static EmbeddedPostgres postgres() {
        return postgres(Map.of());
    }

    /**
     * PostgreSQL as {@link #postgres()} starts it, with more server settings ({@code postgresql.conf} names), such as
     * the libraries a benchmark preloads to count statements.
     */
    public static EmbeddedPostgres postgres(Map<String, String> serverSettings) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            serverSettings.forEach(builder::setServerConfig);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** One KRaft node on free loopback ports; topics are created by the services that use them. */
    public static LoopbackKafka kafka() {
        return LoopbackKafka.start();
    }
}

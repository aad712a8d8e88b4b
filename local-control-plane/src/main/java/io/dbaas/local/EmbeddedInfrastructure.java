package io.dbaas.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A real PostgreSQL server and a real Kafka broker (KRaft) running on this machine, for a local run or a test. */
public final class EmbeddedInfrastructure {

    private EmbeddedInfrastructure() {}

    /** PostgreSQL from binaries shipped in a Maven artifact; data in a fresh temporary directory. */
    public static EmbeddedPostgres postgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** One KRaft node on free loopback ports; topics are created by the services that use them. */
    public static LoopbackKafka kafka() {
        return LoopbackKafka.start();
    }
}

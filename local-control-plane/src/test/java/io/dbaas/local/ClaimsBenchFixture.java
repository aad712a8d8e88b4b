package io.dbaas.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code bench/claims.sh} measures Orion's claim intake against: embedded PostgreSQL, an embedded Kafka broker and
 * Orion alone from its jar (Nebula and GateKeeper would take CPU from the measurement), with a tenant account and a
 * region large enough for every claim of the run. Writes what the script needs to files in the work directory, then
 * runs until stopped (SIGTERM), when it stops Orion, the broker and the database.
 *
 * <p>Arguments: the work directory, Orion's jar, the number of claims the region must hold, Orion's HTTP and management
 * ports, and then Orion's extra JVM options. Secrets reach Orion through its environment and the script through files
 * readable by their owner only, never a command line.
 */
public final class ClaimsBenchFixture {

    static final String PROVIDER = LocalRegion.PROVIDER;
    static final String REGION = LocalRegion.REGION;

    private ClaimsBenchFixture() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        long claims = Long.parseLong(args[2]);
        int port = Integer.parseInt(args[3]);
        int managementPort = Integer.parseInt(args[4]);
        List<String> jvmOptions = List.of(args).subList(5, args.length);

        Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Started.stopAll(started, "the benchmark's services");
            stopped.countDown();
        }));
        // pg_stat_statements lets the script count the statements of a claim, Orion's and pgbench's alike; the log
        // file is where it reads them in order, when it turns log_statement on for a few claims.
        EmbeddedPostgres postgres = EmbeddedInfrastructure.postgres(Map.of(
                "shared_preload_libraries", "pg_stat_statements",
                "logging_collector", "on",
                "log_directory", work.resolve("postgres-log").toString(),
                "log_filename", "postgresql.log",
                "log_line_prefix", "[%p] "));
        started.push(postgres);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        }
        LoopbackKafka kafka = EmbeddedInfrastructure.kafka();
        started.push(kafka);
        String adminToken = LocalSecrets.managementToken();
        ServiceProcess orion = startOrion(work, jar, jvmOptions, port, managementPort, postgres, kafka, adminToken);
        started.push(orion);
        orion.awaitHealthy(Duration.ofMinutes(3));

        String tenantToken = openAccount(new Orion(port, adminToken));
        sizeRegion(new Orion(port, adminToken), claims);

        writePrivate(work.resolve("tenant-token"), tenantToken);
        Files.writeString(
                work.resolve("orion.pid"), Long.toString(orion.process().pid()));
        Files.writeString(work.resolve("postgres"), postgres.getPort() + " postgres postgres\n");
        // Written last: the script waits for it.
        Files.writeString(work.resolve("orion-ready"), port + "\n");
        System.out.println(
                "claims fixture ready: Orion on 127.0.0.1:" + port + ", PostgreSQL on 127.0.0.1:" + postgres.getPort());
        stopped.await();
    }

    /** Orion as {@link ControlPlane} starts it, offering the local run's region, with the benchmark's JVM options. */
    private static ServiceProcess startOrion(
            Path work,
            Path jar,
            List<String> jvmOptions,
            int port,
            int managementPort,
            EmbeddedPostgres postgres,
            LoopbackKafka kafka,
            String adminToken) {
        var args = new ArrayList<String>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + managementPort));
        args.addAll(LocalRegion.orionArguments());
        var environment = new HashMap<String, String>(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "DBAAS_KEY_ENCRYPTION_KEY",
                LocalSecrets.keyEncryptionKey(),
                "SPRING_DATASOURCE_URL",
                postgres.getJdbcUrl("postgres", "postgres"),
                "SPRING_DATASOURCE_USERNAME",
                "postgres",
                "SPRING_DATASOURCE_PASSWORD",
                "",
                "ORION_BOOTSTRAP_ADMIN_TOKEN",
                adminToken));
        return ServiceProcess.start(
                "orion",
                jar,
                jvmOptions,
                args,
                environment,
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"),
                work.resolve("orion.log"),
                null);
    }

    /** A tenant account, opened by the platform administrator; its first administrator's token. */
    private static String openAccount(Orion platform) {
        HttpResponse<String> opened = expect(201, platform.post("/v1/accounts", "{\"name\": \"claims-bench\"}"));
        return Http.json(opened).get("admin").get("token").asString();
    }

    /**
     * Room for {@code claims} claims of the smallest size the script sends (one node of 250m CPU, 512Mi memory, 1Gi
     * disk), through the operator's capacity API, so that every claim is allocated and writes its command. Orion has
     * no per-account limit on claims to lift.
     */
    private static void sizeRegion(Orion platform, long claims) {
        String body = "{\"cpu\": \"%d\", \"memory\": \"%dGi\", \"disk\": \"%dGi\"}"
                .formatted(claims / 4 + 1, claims / 2 + 1, claims);
        expect(200, platform.put("/v1/providers/" + PROVIDER + "/regions/" + REGION + "/capacity", body));
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Orion answered " + response.statusCode() + " where " + status
                    + " was expected: " + response.body());
        }
        return response;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(
                file,
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}

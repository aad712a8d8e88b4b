package io.dbaas.local;

import ch.qos.logback.classic.Level;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local}: the whole control plane on this machine with only a JDK.
 *
 * <p>PostgreSQL and Kafka are embedded unless {@code SPRING_DATASOURCE_URL} or {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}
 * name external ones; embedded state lasts as long as the run. Nebula provisions provider {@code minikube}, region
 * {@code local} into the current kubeconfig context and says plainly at start-up whether it can reach it. Ctrl-C stops
 * everything: the services first, then the broker and the database.
 */
public final class LocalControlPlane {

    private static final String ENDPOINT_DOMAIN = "dbaas.localhost";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final PrintStream out = System.out;

    public static void main(String[] args) {
        new LocalControlPlane().run(System.getenv());
    }

    private void run(Map<String, String> environment) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::stop));
        try {
            ControlPlane.Settings settings = settings(environment);
            ControlPlane controlPlane = ControlPlane.start(settings);
            running.push(controlPlane);
            printWelcome(out, settings.orionAdminToken(), environment.containsKey("SPRING_DATASOURCE_URL"));
            awaitAnyExit(controlPlane);
        } catch (RuntimeException e) {
            out.println();
            out.println("The control plane could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    private ControlPlane.Settings settings(Map<String, String> environment) {
        Path home = Path.of(environment.getOrDefault("DBAAS_HOME", "."))
                .toAbsolutePath()
                .normalize();
        String jdbcUrl;
        String user;
        String password;
        Optional<String> externalDatabase = Optional.ofNullable(environment.get("SPRING_DATASOURCE_URL"));
        if (externalDatabase.isPresent()) {
            jdbcUrl = externalDatabase.get();
            user = environment.getOrDefault("SPRING_DATASOURCE_USERNAME", "orion");
            password = environment.getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
            out.println("PostgreSQL: external, " + jdbcUrl);
        } else {
            EmbeddedPostgres postgres = EmbeddedInfrastructure.postgres();
            running.push(postgres);
            jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
            out.println("PostgreSQL: embedded, " + jdbcUrl + " (discarded on exit)");
        }
        String kafka = Optional.ofNullable(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .map(servers -> {
                    out.println("Kafka: external, " + servers);
                    return servers;
                })
                .orElseGet(() -> {
                    LoopbackKafka broker = EmbeddedInfrastructure.kafka();
                    running.push(broker);
                    out.println("Kafka: embedded KRaft node, " + broker.bootstrapServers() + " (discarded on exit)");
                    return broker.bootstrapServers();
                });
        String keyEncryptionKey = Optional.ofNullable(environment.get("DBAAS_KEY_ENCRYPTION_KEY"))
                .orElseGet(LocalSecrets::keyEncryptionKey);
        String adminToken = Optional.ofNullable(environment.get("ORION_BOOTSTRAP_ADMIN_TOKEN"))
                .orElseGet(LocalSecrets::managementToken);
        return new ControlPlane.Settings(
                home,
                jdbcUrl,
                user,
                password,
                kafka,
                keyEncryptionKey,
                adminToken,
                ENDPOINT_DOMAIN,
                ControlPlane.Ports.defaults(),
                // From the host, GateKeeper reaches a cluster through a load balancer: `minikube tunnel` assigns it.
                List.of("--nebula.providers.minikube.regions.local.exposure=load-balancer"),
                Map.of(),
                home.resolve(".local-control-plane").resolve("logs"),
                out);
    }

    /**
     * Prints the operator's token: this is a local, throw-away run on the loopback interface, and the user needs the
     * token for every call to Orion. The line is an {@code export} of {@code OPERATOR}, the variable the README's
     * walkthrough uses for it ({@code TOKEN} there holds the token of the account the operator opens).
     */
    static void printWelcome(PrintStream out, String operatorToken, boolean externalDatabase) {
        ControlPlane.Ports ports = ControlPlane.Ports.defaults();
        out.println();
        out.println("The control plane is up. Press Ctrl-C to stop it.");
        out.println("  Orion (REST API)  http://127.0.0.1:" + ports.orion() + "/v1/clusters");
        out.println("  Swagger UI        http://127.0.0.1:" + ports.orion() + "/swagger-ui.html");
        out.println("  Operator token    export OPERATOR=" + operatorToken);
        out.println("                    curl -H \"Authorization: Bearer $OPERATOR\" http://127.0.0.1:" + ports.orion()
                + "/v1/clusters");
        if (externalDatabase) {
            out.println("                    (taken only if this database has no accounts yet; otherwise use the"
                    + " token of its first start)");
        }
        out.println(
                "  GateKeeper        http://<cluster-id>.local.minikube." + ENDPOINT_DOMAIN + ":" + ports.gatekeeper());
        out.println("  Logs              .local-control-plane/logs/");
        out.println(
                "Nebula says whether it can reach Kubernetes: look for '[nebula] ... Kubernetes API of minikube/local'.");
        out.println();
    }

    /** Returns when a service exits on its own, which ends the run. */
    private void awaitAnyExit(ControlPlane controlPlane) {
        try {
            while (controlPlane.services().stream().allMatch(ServiceProcess::isAlive)) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        controlPlane.services().stream()
                .filter(service -> !service.isAlive())
                .forEach(service -> out.println(service.name() + " stopped; stopping the control plane."));
        System.exit(1);
    }

    private void stop() {
        muteEmbeddedBroker();
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                out.println("While stopping: " + e.getMessage());
            }
        }
    }

    /**
     * The broker's test kit deletes its data directory from its own shutdown hook, which runs alongside this one: the
     * broker then reports, at length, that its files are gone. Its data is discarded on exit anyway.
     */
    private static void muteEmbeddedBroker() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.OFF);
        }
    }
}

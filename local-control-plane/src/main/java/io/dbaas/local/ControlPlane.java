package io.dbaas.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Orion, Nebula and GateKeeper started from their jars against one database, one broker and one key, offering the
 * local run's region ({@link LocalRegion}).
 */
public final class ControlPlane implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final List<ServiceProcess> services;

    private ControlPlane(List<ServiceProcess> services) {
        this.services = services;
    }

    /** Starts the three services together and returns once each reports healthy. */
    public static ControlPlane start(Settings settings) {
        var services = new ArrayList<ServiceProcess>();
        try {
            services.add(orion(settings));
            services.add(nebula(settings));
            services.add(gatekeeper(settings));
            for (ServiceProcess service : services) {
                service.awaitHealthy(START_TIMEOUT);
            }
            return new ControlPlane(List.copyOf(services));
        } catch (RuntimeException e) {
            services.reversed().forEach(ServiceProcess::close);
            throw e;
        }
    }

    public List<ServiceProcess> services() {
        return services;
    }

    /** Stops GateKeeper first, so no request arrives while the others stop. */
    @Override
    public void close() {
        services.reversed().forEach(ServiceProcess::close);
    }

    // orion(), nebula() and gatekeeper() start one service alone, as start() does: bench/footprint.sh measures each.
    static ServiceProcess orion(Settings settings) {
        Ports ports = settings.ports();
        var environment = settings.databaseEnvironment();
        // Orion's first administrator, so the launcher (and the end-to-end test) knows the token to call it with.
        environment.put("ORION_BOOTSTRAP_ADMIN_TOKEN", settings.orionAdminToken());
        var args = new ArrayList<String>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + ports.orion(),
                "--management.server.address=127.0.0.1",
                "--management.server.port=" + ports.orionManagement(),
                "--orion.endpoint-domain=" + settings.endpointDomain()));
        args.addAll(LocalRegion.orionArguments());
        return settings.start("orion", "orion-api", args, environment, ports.orionManagement());
    }

    static ServiceProcess nebula(Settings settings) {
        var args = new ArrayList<String>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + settings.ports().nebula()));
        args.addAll(LocalRegion.nebulaArguments());
        args.addAll(settings.nebulaArgs());
        // Nebula keeps its tables (sealed master keys) in its own schema of the same database.
        return settings.start(
                "nebula",
                "nebula-provisioner",
                args,
                settings.databaseEnvironment(),
                settings.ports().nebula());
    }

    static ServiceProcess gatekeeper(Settings settings) {
        Ports ports = settings.ports();
        return settings.start(
                "gatekeeper",
                "gatekeeper-proxy",
                List.of(
                        "--server.address=127.0.0.1",
                        "--server.port=" + ports.gatekeeper(),
                        "--management.server.address=127.0.0.1",
                        "--management.server.port=" + ports.gatekeeperManagement(),
                        "--gatekeeper.domain=" + settings.endpointDomain()),
                settings.commonEnvironment(),
                ports.gatekeeperManagement());
    }

    /** Ports every service listens on, all on the loopback interface. */
    public record Ports(int orion, int orionManagement, int nebula, int gatekeeper, int gatekeeperManagement) {

        /** The ports the README names. */
        public static Ports defaults() {
            return new Ports(8080, 9080, 8081, 8000, 9000);
        }
    }

    /**
     * Where the services find what they share.
     *
     * @param home the project directory, holding each service's {@code target/<module>.jar}
     * @param kafkaBootstrapServers the broker every service talks to
     * @param keyEncryptionKey base64 of the 32-byte key sealing master keys, shared by the three services
     * @param orionAdminToken the management token of Orion's platform administrator, taken at Orion's first start
     *     ({@code dbm_<32 hex digits>_<secret>})
     * @param endpointDomain clusters answer at {@code <cluster-uuid>.<region>.<provider>.<endpointDomain>}
     * @param nebulaArgs extra arguments for Nebula, such as the local region's exposure or an API URL to reach it by
     *     instead of the current kubeconfig context (never {@code kubernetes.context} again: a repeated command-line
     *     property is read as both values joined)
     * @param serviceEnvironments extra environment of each service by name ({@code orion}, {@code nebula},
     *     {@code gatekeeper}), such as its own Kafka credentials; empty for the local run's plain broker
     * @param logDirectory where each service's log file is written
     * @param echo where service output is also printed, prefixed with its name; {@code null} for log files only
     */
    public record Settings(
            Path home,
            String jdbcUrl,
            String databaseUser,
            String databasePassword,
            String kafkaBootstrapServers,
            String keyEncryptionKey,
            String orionAdminToken,
            String endpointDomain,
            Ports ports,
            List<String> nebulaArgs,
            Map<String, Map<String, String>> serviceEnvironments,
            Path logDirectory,
            @Nullable PrintStream echo) {

        @Override
        public String toString() {
            return "Settings[home=%s, jdbcUrl=%s, kafka=%s, ports=%s]"
                    .formatted(home, jdbcUrl, kafkaBootstrapServers, ports);
        }

        Map<String, String> commonEnvironment() {
            return Map.of(
                    "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers,
                    "DBAAS_KEY_ENCRYPTION_KEY", keyEncryptionKey);
        }

        /** The common environment plus the database, for the services that keep state (Orion, Nebula). */
        Map<String, String> databaseEnvironment() {
            var environment = new HashMap<>(commonEnvironment());
            environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
            environment.put("SPRING_DATASOURCE_USERNAME", databaseUser);
            environment.put("SPRING_DATASOURCE_PASSWORD", databasePassword);
            return environment;
        }

        ServiceProcess start(
                String name, String module, List<String> args, Map<String, String> environment, int healthPort) {
            var withOwn = new HashMap<>(environment);
            withOwn.putAll(serviceEnvironments.getOrDefault(name, Map.of()));
            return ServiceProcess.start(
                    name,
                    home.resolve(module).resolve("target").resolve(module + ".jar"),
                    args,
                    withOwn,
                    URI.create("http://127.0.0.1:" + healthPort + "/actuator/health"),
                    logDirectory.resolve(name + ".log"),
                    echo);
        }
    }
}

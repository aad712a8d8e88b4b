package io.dbaas.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's {@code docker-compose.yml} brought up by the {@code docker-compose} command on the local Docker engine,
 * as a user does, plus {@code src/test/compose/host-network.yml}: on the build machines every container shares the
 * host's network and listens on 127.0.0.1 at ports the test chose. The environment given is the whole configuration,
 * as a user's {@code .env} is.
 */
final class ComposeStack implements AutoCloseable {

    static final List<String> SERVICES = List.of("postgres", "kafka", "orion", "nebula", "gatekeeper");

    private static final Path HOME =
            Path.of(System.getProperty("dbaas.home", "..")).toAbsolutePath();
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String project;
    private final Map<String, String> environment;

    private ComposeStack(String project, Map<String, String> environment) {
        this.project = project;
        this.environment = environment;
    }

    /** Whether a Docker engine answers and docker-compose is installed; the container tests skip otherwise. */
    static boolean engineAnswers() {
        try {
            return run(List.of("docker", "info"), Map.of()).succeeded()
                    && run(List.of("docker-compose", "version"), Map.of()).succeeded();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** {@code docker-compose up -d}, then waits until every service's health check passes. */
    static ComposeStack up(String project, Map<String, String> environment, Duration timeout) {
        var stack = new ComposeStack(project, environment);
        stack.compose("down", "--volumes", "--remove-orphans");
        stack.compose("up", "--detach", "--no-build");
        SERVICES.forEach(service -> stack.awaitHealthy(service, timeout));
        return stack;
    }

    void awaitHealthy(String service, Duration timeout) {
        await().atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .failFast(service + " stopped: " + logTail(service), () -> "exited"
                        .equals(inspect(service).at("/State/Status").asString()))
                .until(() -> "healthy"
                        .equals(inspect(service).at("/State/Health/Status").asString()));
    }

    /** {@code docker inspect} of the service's container. */
    JsonNode inspect(String service) {
        return JSON.readTree(docker("inspect", containerId(service))).get(0);
    }

    String containerId(String service) {
        return compose("ps", "--quiet", service).strip();
    }

    /** {@code docker-compose stop}: SIGTERM, then SIGKILL once the service's stop_grace_period has passed. */
    Stopped stop(String service) {
        long started = System.nanoTime();
        compose("stop", service);
        JsonNode state = inspect(service).get("State");
        return new Stopped(
                Duration.ofNanos(System.nanoTime() - started),
                state.get("ExitCode").asInt(),
                state.get("OOMKilled").asBoolean());
    }

    void start(String service, Duration timeout) {
        compose("start", service);
        awaitHealthy(service, timeout);
    }

    /** A command run in the service's container as its own user; its exit code and output, not thrown. */
    Result exec(String service, String... command) {
        var line = new ArrayList<>(List.of("docker", "exec", containerId(service)));
        line.addAll(List.of(command));
        return run(line, environment);
    }

    String logs(String service) {
        return compose("logs", "--no-color", service);
    }

    /** Writes every service's log under target/it-logs, then {@code docker-compose down --volumes}. */
    @Override
    public void close() {
        try {
            Files.createDirectories(LOGS);
            for (String service : SERVICES) {
                Files.writeString(LOGS.resolve("compose-" + service + ".log"), logs(service));
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("Could not keep the containers' logs: " + e);
        }
        compose("down", "--volumes", "--remove-orphans");
    }

    private String logTail(String service) {
        List<String> lines = logs(service).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private String compose(String... arguments) {
        var line = new ArrayList<>(List.of(
                "docker-compose",
                "--project-name",
                project,
                "--project-directory",
                HOME.toString(),
                // The environment given is the whole configuration: not a .env a developer keeps in the project.
                "--env-file",
                HOME.resolve("local-control-plane/src/test/compose/empty.env").toString(),
                "--file",
                HOME.resolve("docker-compose.yml").toString(),
                "--file",
                HOME.resolve("local-control-plane/src/test/compose/host-network.yml")
                        .toString()));
        line.addAll(List.of(arguments));
        return run(line, environment).orThrow();
    }

    private String docker(String... arguments) {
        var line = new ArrayList<>(List.of("docker"));
        line.addAll(List.of(arguments));
        return run(line, environment).orThrow();
    }

    private static Result run(List<String> command, Map<String, String> environment) {
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + COMMAND_TIMEOUT);
            }
            return new Result(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A command's exit code and its output (standard output and error together). */
    record Result(List<String> command, int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String orThrow() {
            if (!succeeded()) {
                throw new IllegalStateException(String.join(" ", command) + " ended with " + exitCode + ":\n" + output);
            }
            return output;
        }
    }

    /** How a container stopped: how long it took, its exit code, and whether the kernel killed it for memory. */
    record Stopped(Duration took, int exitCode, boolean oomKilled) {}
}

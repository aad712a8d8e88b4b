package io.dbaas.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the control plane running as its own Java process from its Spring Boot jar. Secrets reach it
 * through its environment, never its command line, which other users of the machine can read.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final URI health;
    private final Path log;
    private final Thread output;

    private ServiceProcess(String name, Process process, URI health, Path log, Thread output) {
        this.name = name;
        this.process = process;
        this.health = health;
        this.log = log;
        this.output = output;
    }

    /**
     * Starts {@code jar} with {@code args}, adding {@code environment} to this process's own.
     *
     * @param health the URL that answers 200 once the service is ready
     * @param log where the service's output goes
     * @param echo where each output line is also printed, prefixed with the service name; {@code null} for none
     */
    public static ServiceProcess start(
            String name,
            Path jar,
            List<String> args,
            Map<String, String> environment,
            URI health,
            Path log,
            @org.jspecify.annotations.Nullable PrintStream echo) {
        return start(name, jar, List.of(), args, environment, health, log, echo);
    }

    /**
     * Starts {@code jar} as {@link #start(String, Path, List, Map, URI, Path, PrintStream)} does, with
     * {@code jvmOptions} after the launcher's own: a later option wins, so a benchmark can run a service with the full
     * JIT (the launcher keeps to the quick-starting C1 compiler) or with a flight recording.
     */
    public static ServiceProcess start(
            String name,
            Path jar,
            List<String> jvmOptions,
            List<String> args,
            Map<String, String> environment,
            URI health,
            Path log,
            @org.jspecify.annotations.Nullable PrintStream echo) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the project first (./mvnw package)");
        }
        var command = new ArrayList<String>();
        command.add(javaExecutable());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            Thread output = pump(name, process, log, echo);
            return new ServiceProcess(name, process, health, log, output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until the health URL answers 200; fails early, with the end of the log, if the process dies. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                // The process may die before its last lines are copied to the log: they are what explains the death.
                awaitOutputCopied();
                throw new IllegalStateException(
                        name + " exited with status " + process.exitValue() + ". Last lines of its log:\n" + tail());
            }
            if (healthy()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(
                name + " was not healthy after " + timeout.toSeconds() + " s. Last lines of its log:\n" + tail());
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** The end of the service's log, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM, so Spring shuts down gracefully), and kills it if it has not after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitOutputCopied() {
        try {
            output.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(
            String name, Process process, Path log, @org.jspecify.annotations.Nullable PrintStream echo)
            throws IOException {
        var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        return Thread.ofPlatform().daemon().name(name + "-output").start(() -> {
            try (out;
                    var reader = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (echo != null) {
                        echo.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                // The process ended and closed its output; nothing left to copy.
            }
        });
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

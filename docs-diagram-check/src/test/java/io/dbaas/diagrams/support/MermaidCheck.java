package io.dbaas.diagrams.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/main/node/check-mermaid.mjs} with Node.js, the pinned Mermaid installed by {@code npm ci} under
 * {@code target/} once per test run.
 *
 * <p>Without {@code node} and {@code npm} on the PATH the tests are skipped with that reason, except under CI
 * ({@code CI} set), where a missing Node.js must not pass for a checked documentation.
 */
public final class MermaidCheck {

    private static final List<String> FILES = List.of("package.json", "package-lock.json", "check-mermaid.mjs");
    private static final String INSTALLED_LOCK = "node_modules/.installed-package-lock.json";
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long CHECK_TIMEOUT_SECONDS = 120;

    private static boolean installed;

    private MermaidCheck() {}

    /** The outcome of one run of the script. */
    public record Result(int exitCode, String output, String errors) {}

    public static Path repositoryRoot() {
        return Path.of(System.getProperty("repository.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    public static Result run(Path root, String... arguments) {
        Path directory = install();
        List<String> command = new ArrayList<>(List.of("node", "check-mermaid.mjs", root.toString()));
        command.addAll(List.of(arguments));
        return execute(directory, command, CHECK_TIMEOUT_SECONDS);
    }

    private static synchronized Path install() {
        requireNode();
        Path directory = Path.of(System.getProperty("diagram.check.directory", "target/diagram-check"));
        if (installed) {
            return directory;
        }
        Path sources = Path.of(System.getProperty("diagram.check.sources", "src/main/node"));
        try {
            Files.createDirectories(directory);
            for (String file : FILES) {
                Files.copy(sources.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (alreadyInstalled(directory)) {
            installed = true;
            return directory;
        }
        Result npm = execute(
                directory,
                List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                INSTALL_TIMEOUT_SECONDS);
        if (npm.exitCode() != 0) {
            fail("npm ci failed in " + directory + ":\n" + npm.errors());
        }
        try {
            Files.copy(
                    directory.resolve("package-lock.json"),
                    directory.resolve(INSTALLED_LOCK),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        installed = true;
        return directory;
    }

    /** A second build skips npm ci (seconds on these machines) when the lock file has not changed since the last. */
    private static boolean alreadyInstalled(Path directory) {
        Path installedLock = directory.resolve(INSTALLED_LOCK);
        try {
            return Files.isDirectory(directory.resolve("node_modules"))
                    && Files.exists(installedLock)
                    && Files.mismatch(installedLock, directory.resolve("package-lock.json")) == -1;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireNode() {
        boolean present = onPath("node") && onPath("npm");
        if (!present && System.getenv("CI") != null) {
            fail("node and npm must be on the PATH under CI: the documentation's diagrams are checked with Mermaid");
        }
        Assumptions.assumeTrue(present, "node and npm are not on the PATH: the mermaid blocks are not checked");
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, executable))) {
                return true;
            }
        }
        return false;
    }

    private static Result execute(Path directory, List<String> command, long timeoutSeconds) {
        try {
            Path output = Files.createTempFile("diagram-check", ".out");
            Path errors = Files.createTempFile("diagram-check", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            Result result = new Result(
                    process.exitValue(),
                    Files.readString(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
            Files.delete(output);
            Files.delete(errors);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

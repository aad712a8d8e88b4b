package io.dbaas.testsupport.elasticsearch;

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
import org.jspecify.annotations.Nullable;

/**
 * One container of a pod, as a process tree in a session and a mount namespace of its own: the image's root at its
 * path read-only, every volume at its mount path, the pod's hosts file as {@code /etc/hosts}, its memory limit as a
 * memory cgroup, and the container's user, groups, no capabilities and no new privileges, as its security context
 * says. Probes and hooks run in the same mount namespace, as the same user, with the same environment.
 */
final class ContainerProcess {

    /** Where every container of the tests sees its image's files, as in Elasticsearch's image. */
    static final String IMAGE_ROOT = "/usr/share/elasticsearch";

    private final Process process;
    private final Identity identity;
    private final Map<String, String> environment;
    private final Path log;
    private final MemoryCgroup memory;

    private ContainerProcess(
            Process process, Identity identity, Map<String, String> environment, Path log, MemoryCgroup memory) {
        this.process = process;
        this.identity = identity;
        this.environment = environment;
        this.log = log;
        this.memory = memory;
    }

    /** Who the container runs as: its security context's user and group, and the pod's fsGroup as a supplementary one. */
    record Identity(long user, long group, long fsGroup) {

        List<String> setpriv() {
            return List.of(
                    "setpriv",
                    "--reuid=" + user,
                    "--regid=" + group,
                    "--groups=" + fsGroup,
                    "--inh-caps=-all",
                    "--bounding-set=-all",
                    "--no-new-privs");
        }
    }

    /** A bind mount of a host directory or file at a path of the container, read-only or not. */
    record Mount(Path source, String path, boolean readOnly) {}

    static ContainerProcess start(
            Path image,
            List<Mount> mounts,
            Path hostsFile,
            Identity identity,
            Map<String, String> environment,
            List<String> command,
            MemoryCgroup memory,
            Path log) {
        return start(image, mounts, hostsFile, identity, environment, command, memory, log, null);
    }

    /**
     * As the other {@code start}, with the container's termination
     * message file: a host file bound at the container's {@code terminationMessagePath}. Under {@code /dev} (the
     * default, {@code /dev/termination-log}) the container gets a {@code /dev} of its own, as a container runtime
     * makes it: a tmpfs with the usual device nodes, so that the host's {@code /dev} is never written.
     */
    static ContainerProcess start(
            Path image,
            List<Mount> mounts,
            Path hostsFile,
            Identity identity,
            Map<String, String> environment,
            List<String> command,
            MemoryCgroup memory,
            Path log,
            @Nullable Mount terminationMessage) {
        StringBuilder setup = new StringBuilder("set -e\n");
        setup.append(memory.joinCommand());
        // As many open files as this host allows (container runtimes give 1048576; hosts may allow fewer).
        setup.append("ulimit -n $(ulimit -Hn)\n");
        setup.append("mount -t tmpfs -o mode=755 tmpfs /mnt\n");
        if (mounts.stream().anyMatch(mount -> underOwnRun(mount.path()))) {
            // A container's /run is its image's, empty: files mounted there (as Nebula mounts an agent's Secrets under
            // /var/run/dbaas) never land in the host's /run, and the host's sockets there stay out of reach.
            setup.append("mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run\n");
        }
        setup.append(bind(new Mount(image, IMAGE_ROOT, true)));
        setup.append(bind(new Mount(hostsFile, "/etc/hosts", true)));
        if (terminationMessage != null && terminationMessage.path().startsWith("/dev/")) {
            setup.append(OWN_DEV);
            setup.append("touch ").append(quote(terminationMessage.path())).append('\n');
            setup.append(bind(terminationMessage));
        }
        // Parents before children; /tmp last, since the host paths bound before it may live under /tmp.
        List<Mount> ordered = new ArrayList<>(mounts);
        ordered.sort((a, b) -> a.path().equals("/tmp")
                ? 1
                : b.path().equals("/tmp") ? -1 : a.path().compareTo(b.path()));
        for (Mount mount : ordered) {
            if (!mount.path().startsWith("/mnt/")
                    && !underOwnRun(mount.path())
                    && !mount.path().startsWith(IMAGE_ROOT + "/")
                    && !mount.path().equals("/tmp")) {
                throw new IllegalArgumentException("no mount point for " + mount.path() + " in this stand-in");
            }
            setup.append(mountPoint(mount));
            setup.append(bind(mount));
        }
        if (terminationMessage != null && !terminationMessage.path().startsWith("/dev/")) {
            setup.append(mountPoint(terminationMessage));
            setup.append(bind(terminationMessage));
        }
        setup.append("cd ").append(IMAGE_ROOT).append('\n');
        setup.append("exec ")
                .append(join(identity.setpriv()))
                .append(' ')
                .append(join(env(environment)))
                .append(' ');
        setup.append(join(command)).append('\n');

        List<String> launcher = List.of(
                "setsid", "unshare", "--mount", "--propagation", "private", "--", "/bin/bash", "-c", setup.toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(launcher)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ContainerProcess(process, identity, environment, log, memory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The container's exit code once it exited: 128 plus the signal's number when a signal ended it, as runc says. */
    int exitCode() {
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    MemoryCgroup memory() {
        return memory;
    }

    /** Runs {@code command} inside the container, as a probe or hook; its exit status and output. */
    Execution exec(List<String> command, Duration timeout) {
        List<String> line = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(pid()), "--mount", "--"));
        line.addAll(identity.setpriv());
        line.addAll(env(environment));
        line.addAll(command);
        try {
            Process exec = new ProcessBuilder(line)
                    .directory(Path.of("/").toFile())
                    .redirectErrorStream(true)
                    .start();
            boolean finished = exec.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                exec.destroyForcibly();
                return new Execution(-1, "timed out after " + timeout);
            }
            String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Execution(exec.exitValue(), output.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Execution(-1, "interrupted");
        }
    }

    /** SIGTERM to the container's main process, as the runtime sends it (through the image's init). */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL to every process of the container: what a node failure or an OOM kill does. */
    void kill() {
        signalGroup("KILL");
        process.destroyForcibly();
    }

    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void signalGroup(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + pid())
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a probe or hook did. */
    record Execution(int exitStatus, String output) {

        boolean succeeded() {
            return exitStatus == 0;
        }
    }

    /**
     * A {@code /dev} of the container's own, as runc makes it: the device nodes a process expects, {@code /dev/shm} and
     * the standard streams; nothing of the host's devices beyond these.
     */
    private static final String OWN_DEV = """
            mount -t tmpfs -o mode=755,nosuid tmpfs /dev
            mknod -m 666 /dev/null c 1 3
            mknod -m 666 /dev/zero c 1 5
            mknod -m 666 /dev/full c 1 7
            mknod -m 666 /dev/random c 1 8
            mknod -m 666 /dev/urandom c 1 9
            mknod -m 666 /dev/tty c 5 0
            mkdir /dev/shm
            mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
            ln -s /proc/self/fd /dev/fd
            ln -s /proc/self/fd/0 /dev/stdin
            ln -s /proc/self/fd/1 /dev/stdout
            ln -s /proc/self/fd/2 /dev/stderr
            """;

    /** Whether {@code path} lies in the container's own {@code /run} ({@code /var/run} links there on every image). */
    private static boolean underOwnRun(String path) {
        return path.startsWith("/run/") || path.startsWith("/var/run/");
    }

    /** Under the container's own /mnt or /run, the mount point is made: a directory, or an empty file for a file. */
    private static String mountPoint(Mount mount) {
        if (!mount.path().startsWith("/mnt/") && !underOwnRun(mount.path())) {
            return "";
        }
        if (Files.isDirectory(mount.source())) {
            return "mkdir -p " + quote(mount.path()) + "\n";
        }
        String parent = mount.path().substring(0, mount.path().lastIndexOf('/'));
        return "mkdir -p " + quote(parent) + "\ntouch " + quote(mount.path()) + "\n";
    }

    private static String bind(Mount mount) {
        String path = quote(mount.path());
        String line = "mount --bind " + quote(mount.source().toString()) + " " + path + "\n";
        return mount.readOnly() ? line + "mount -o remount,bind,ro " + path + "\n" : line;
    }

    private static List<String> env(Map<String, String> environment) {
        List<String> env = new ArrayList<>(List.of("env", "-i"));
        environment.forEach((name, value) -> env.add(name + "=" + value));
        return env;
    }

    private static String join(List<String> words) {
        return String.join(" ", words.stream().map(ContainerProcess::quote).toList());
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

package io.dbaas.testsupport.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's memory limit, as the container runtime enforces it: a memory cgroup (version 1, as on the build
 * machines) whose limit is the container's {@code resources.limits.memory}; the kernel OOM-kills the container when it
 * goes beyond it. Where no cgroup can be made, the limit is not enforced and that is logged.
 */
final class MemoryCgroup {

    private static final Logger log = LoggerFactory.getLogger(MemoryCgroup.class);
    private static final Path ROOT = Path.of("/sys/fs/cgroup/memory");

    private final Optional<Path> directory;

    private MemoryCgroup(Optional<Path> directory) {
        this.directory = directory;
    }

    static MemoryCgroup limited(String name, long bytes) {
        Path directory = ROOT.resolve("dbaas-tests").resolve(name);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            return new MemoryCgroup(Optional.of(directory));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("No memory cgroup for {} ({}): its memory limit is not enforced", name, e.getMessage());
            return new MemoryCgroup(Optional.empty());
        }
    }

    /** No limit: a container whose spec sets none runs with the memory of its node, here of this host. */
    static MemoryCgroup unlimited() {
        return new MemoryCgroup(Optional.empty());
    }

    /** The shell line that moves the calling shell, and so everything it starts, into the cgroup. */
    String joinCommand() {
        return directory
                .map(path -> "echo $$ > '" + path.resolve("cgroup.procs") + "'\n")
                .orElse("");
    }

    /** How many times the kernel killed a process of the container for going beyond the limit. */
    long oomKills() {
        return counter("memory.oom_control", "oom_kill ");
    }

    /** The container's resident memory now, page cache aside: what counts towards an OOM kill. */
    long residentBytes() {
        return counter("memory.stat", "total_rss ");
    }

    /** The value of the line of {@code file} that starts with {@code name}; 0 without a cgroup or such a line. */
    private long counter(String file, String name) {
        return directory
                .map(path -> {
                    try {
                        return Files.readAllLines(path.resolve(file)).stream()
                                .filter(line -> line.startsWith(name))
                                .mapToLong(line -> Long.parseLong(
                                        line.substring(name.length()).strip()))
                                .sum();
                    } catch (IOException e) {
                        return 0L;
                    }
                })
                .orElse(0L);
    }

    /** Removes the cgroup once the container's processes are gone. */
    void remove() {
        directory.ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.debug("Memory cgroup {} not removed: {}", path, e.getMessage());
            }
        });
    }

    boolean enforced() {
        return directory.isPresent();
    }
}

package io.dbaas.testsupport.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The images a test's Job containers may name, each mapped to a command of this host (there is no image registry and
 * no container runtime here): the first entry whose prefix the image starts with wins. An image nobody mapped fails
 * the pod's start, as a pull of an unknown image does.
 */
public final class ContainerImages {

    /** What an image stands for: the directory its files are in (the container's working directory) and entrypoint. */
    record Image(Path root, List<String> entrypoint) {}

    private final Map<String, Image> images = new LinkedHashMap<>();

    /** Maps every image starting with {@code prefix} (for example {@code dbaas/backup-agent:}) to {@code entrypoint}. */
    public ContainerImages with(String prefix, Path root, List<String> entrypoint) {
        images.put(prefix, new Image(root, List.copyOf(entrypoint)));
        return this;
    }

    /**
     * Maps images starting with {@code prefix} to a Java program as Jib lays it out: {@code classpath} copied into
     * {@code directory} (the test's classpath may live where the container's user cannot read, such as root's Maven
     * repository), run by this JVM's runtime with {@code mainClass} and {@code jvmFlags}.
     */
    public ContainerImages withJava(
            String prefix, Path directory, List<Path> classpath, String mainClass, List<String> jvmFlags) {
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            int index = 0;
            for (Path entry : classpath) {
                Path copy = directory.resolve(index++ + "-" + entry.getFileName());
                copyTree(entry, copy);
                // The path the container sees: the image's files are mounted at its root, and the host's path may be
                // hidden by the container's own mounts (a clone under /tmp, under the pod's emptyDir at /tmp).
                entries.add(ContainerProcess.IMAGE_ROOT + "/" + copy.getFileName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        entrypoint.addAll(jvmFlags);
        entrypoint.addAll(List.of("-cp", String.join(":", entries), mainClass));
        return with(prefix, directory, entrypoint);
    }

    Image resolve(String image) {
        return images.entrySet().stream()
                .filter(entry -> image.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "ErrImagePull: image " + image + " is not one of " + images.keySet()));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                // Readable by the container's user, whoever it is, as an image's files are.
                Files.setPosixFilePermissions(
                        copy, PodVolumes.PosixModes.parse(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}

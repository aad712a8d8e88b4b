package io.dbaas.testsupport.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Elasticsearch's own test distribution ({@code org.elasticsearch.distribution.integ-test-zip}: the server, security,
 * TLS, no bundled JDK) of each version a test runs, unpacked once per build beside the zips Maven copied, and standing
 * in for the official image of that version.
 */
public final class ElasticsearchDistributions {

    /** The directory Maven copies the distribution zips into, as {@code elasticsearch-<version>.zip}. */
    public static final String DIRECTORY_PROPERTY = "dbaas.elasticsearch.distributions";

    private static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:";
    private static final ConcurrentMap<String, Path> HOMES = new ConcurrentHashMap<>();

    private ElasticsearchDistributions() {}

    /** The version of the official image {@code image}, which the distribution of that version stands in for. */
    public static String versionOf(String image) {
        if (!image.startsWith(IMAGE)) {
            throw new IllegalArgumentException("not an official Elasticsearch image: " + image);
        }
        return image.substring(IMAGE.length());
    }

    /** Whether the build provided the distribution of {@code version} (it does in {@code ./mvnw verify}). */
    public static boolean available(String version) {
        return System.getProperty(DIRECTORY_PROPERTY) != null && Files.isRegularFile(zip(version));
    }

    /** The unpacked distribution of {@code version}, with an empty {@code data} directory to mount a volume on. */
    public static Path home(String version) {
        return HOMES.computeIfAbsent(version, ElasticsearchDistributions::unpack);
    }

    private static Path zip(String version) {
        return directory().resolve("elasticsearch-" + version + ".zip");
    }

    private static Path directory() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            throw new IllegalStateException("System property " + DIRECTORY_PROPERTY
                    + " names no directory: the build copies Elasticsearch's distributions there");
        }
        return Path.of(directory).toAbsolutePath();
    }

    private static Path unpack(String version) {
        Path home = directory().resolve("unpacked").resolve("elasticsearch-" + version);
        Path complete = home.resolve(".unpacked");
        if (Files.exists(complete)) {
            return home;
        }
        Path zip = zip(version);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("No Elasticsearch " + version + " distribution at " + zip);
        }
        try {
            Files.createDirectories(home.getParent());
            deleteTree(home); // what an interrupted run left
            Path staging = Files.createTempDirectory(home.getParent(), "unpacking-");
            try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new IOException("entry outside the distribution: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(entries, target);
                    }
                }
            }
            Path unpacked;
            try (Stream<Path> roots = Files.list(staging)) {
                unpacked = roots.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
                for (Path script : scripts.toList()) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            // The image has the mount points of the data and logs volumes.
            Files.createDirectories(unpacked.resolve("data"));
            Files.createDirectories(unpacked.resolve("logs"));
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(staging);
            Files.writeString(complete, version);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Unpacking " + zip + " failed", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
}

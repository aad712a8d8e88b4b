package io.dbaas.gatekeeper.snapshot;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the snapshot file. Written whole or not at all: into a new file readable by the owner only (600),
 * which is then renamed over the old one, so that a crash mid-write leaves the previous snapshot and a symbolic link
 * planted at the path is replaced, never followed.
 */
final class DirectorySnapshotFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final JsonMapper json = JsonMapper.builder().build();

    DirectorySnapshotFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** Empty when there is no file yet. */
    Optional<DirectorySnapshot> read() throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            DirectorySnapshot snapshot = json.readValue(Files.readAllBytes(path), DirectorySnapshot.class);
            if (snapshot.format() != DirectorySnapshot.FORMAT) {
                throw new IOException("unknown snapshot format " + snapshot.format());
            }
            return Optional.of(snapshot);
        } catch (JacksonException e) {
            // Without the parser's message: it may quote the file, and the file holds sealed keys.
            throw new IOException("the snapshot is not valid JSON of the expected shape");
        }
    }

    void write(DirectorySnapshot snapshot) throws IOException {
        Path directory = Objects.requireNonNullElse(path.getParent(), Path.of("."));
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, ".gatekeeper-directory-", ".tmp", ownerOnly());
        try {
            Files.write(temporary, json.writeValueAsBytes(snapshot));
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }
}

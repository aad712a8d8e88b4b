package io.dbaas.testsupport.elasticsearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The NFS servers a test's pods may mount: each export ({@code server:path}, as an {@code nfs} volume names it) is a host
 * directory chosen by the test, shared by every pod and Job of every namespace that mounts it, as a real export is. No
 * NFS protocol runs: the directory is bound into the container as the kubelet binds the mounted export. Its ownership
 * and modes are the export's, which the test sets, as the NFS server's administrator would.
 */
public final class NfsExports {

    private static final NfsExports NONE = new NfsExports(Map.of());

    private final Map<String, Path> exports;

    private NfsExports(Map<String, Path> exports) {
        this.exports = Map.copyOf(exports);
    }

    /** No NFS server: a pod with an {@code nfs} volume is refused, as a kubelet fails to mount an unknown server. */
    public static NfsExports none() {
        return NONE;
    }

    /** Exports keyed {@code server:path} (for example {@code nfs.example.test:/exports/backups}), each a host directory. */
    public static NfsExports of(Map<String, Path> exports) {
        exports.forEach((export, directory) -> {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("export " + export + " is no directory: " + directory);
            }
        });
        return new NfsExports(exports);
    }

    /** The host directory of export {@code server:path}; an unknown export fails as the mount would. */
    Path directory(String server, String path) {
        Path directory = exports.get(server + ":" + path);
        if (directory == null) {
            throw new IllegalStateException("mount.nfs: access denied by server while mounting " + server + ":" + path
                    + " (the test exports " + exports.keySet() + ")");
        }
        return directory;
    }
}

package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The volumes of one pod as the kubelet makes them: ConfigMap, Secret and downward-API volumes written the way its
 * atomic writer does (files are links into a {@code ..data} directory that is swapped whole, so a reader never sees
 * half an update) and brought up to date by {@link #sync}; emptyDirs that live as long as the pod; and each volume
 * claim, which outlives it, under the StatefulSet's directory; an NFS volume is the host directory the test exports
 * under that server and path ({@link NfsExports}), shared with every other pod that mounts it.
 */
final class PodVolumes {

    private final KubernetesClient client;
    private final String namespace;
    private final Path podDirectory;
    private final Path claimsDirectory;
    private final long fsGroup;
    private final NfsExports nfsExports;
    private final Map<String, Map<String, byte[]>> written = new HashMap<>();

    PodVolumes(
            KubernetesClient client,
            String namespace,
            Path podDirectory,
            Path claimsDirectory,
            long fsGroup,
            NfsExports nfsExports) {
        this.client = client;
        this.nfsExports = nfsExports;
        this.namespace = namespace;
        this.podDirectory = podDirectory;
        this.claimsDirectory = claimsDirectory;
        this.fsGroup = fsGroup;
    }

    /** Where volume {@code name} of {@code pod} lives on this host, made if needed. */
    Path directory(Pod pod, String name) {
        Volume volume = volume(pod, name);
        try {
            if (volume.getPersistentVolumeClaim() != null) {
                return owned(
                        claimsDirectory.resolve(
                                volume.getPersistentVolumeClaim().getClaimName()),
                        "rwxrwx---");
            }
            if (volume.getNfs() != null) {
                // The export, shared by every pod that mounts it; its owner and modes are the server's, not the pod's.
                return nfsExports.directory(
                        volume.getNfs().getServer(), volume.getNfs().getPath());
            }
            if (volume.getEmptyDir() != null) {
                return owned(podDirectory.resolve("volumes").resolve(name), "rwxrwxrwx");
            }
            return Files.createDirectories(podDirectory.resolve("volumes").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every ConfigMap, Secret and downward-API volume of {@code pod} whose content changed since last time. */
    void sync(Pod pod) {
        for (Volume volume : pod.getSpec().getVolumes()) {
            Map<String, byte[]> content = content(pod, volume);
            if (content == null || sameAsWritten(volume.getName(), content)) {
                continue;
            }
            write(directory(pod, volume.getName()), content, withFsGroup(mode(volume)));
            written.put(volume.getName(), content);
        }
    }

    private @Nullable Map<String, byte[]> content(Pod pod, Volume volume) {
        if (volume.getConfigMap() != null) {
            ConfigMap configMap = client.configMaps()
                    .inNamespace(namespace)
                    .withName(volume.getConfigMap().getName())
                    .get();
            Map<String, byte[]> files = new TreeMap<>();
            if (configMap != null && configMap.getData() != null) {
                configMap.getData().forEach((file, text) -> files.put(file, text.getBytes(StandardCharsets.UTF_8)));
            }
            return files;
        }
        if (volume.getSecret() != null) {
            Secret secret = client.secrets()
                    .inNamespace(namespace)
                    .withName(volume.getSecret().getSecretName())
                    .get();
            Map<String, byte[]> entries = new TreeMap<>();
            if (secret != null && secret.getData() != null) {
                secret.getData()
                        .forEach((file, base64) ->
                                entries.put(file, Base64.getDecoder().decode(base64)));
            }
            // A real API server merges stringData into data when the Secret is written (stringData winning); fabric8's
            // mock stores it as written, so it is merged here, where the kubelet reads the Secret.
            if (secret != null && secret.getStringData() != null) {
                secret.getStringData()
                        .forEach((file, text) -> entries.put(file, text.getBytes(StandardCharsets.UTF_8)));
            }
            return selected(
                    entries,
                    volume.getSecret().getItems(),
                    Boolean.TRUE.equals(volume.getSecret().getOptional()));
        }
        if (volume.getDownwardAPI() != null) {
            Map<String, byte[]> files = new TreeMap<>();
            for (DownwardAPIVolumeFile item : volume.getDownwardAPI().getItems()) {
                String field = item.getFieldRef().getFieldPath();
                if (!"metadata.annotations".equals(field) && !"metadata.labels".equals(field)) {
                    throw new UnsupportedOperationException("downward API field " + field);
                }
                Map<String, String> values = "metadata.annotations".equals(field)
                        ? pod.getMetadata().getAnnotations()
                        : pod.getMetadata().getLabels();
                files.put(item.getPath(), keyValueLines(values).getBytes(StandardCharsets.UTF_8));
            }
            return files;
        }
        return null;
    }

    /**
     * Only the entries {@code items} name, each at its path, when the volume names any; every entry otherwise. A key
     * that is missing fails the mount unless the volume is optional, as with the kubelet.
     */
    private static Map<String, byte[]> selected(
            Map<String, byte[]> entries, @Nullable List<KeyToPath> items, boolean optional) {
        if (items == null || items.isEmpty()) {
            return entries;
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (KeyToPath item : items) {
            byte[] content = entries.get(item.getKey());
            if (content == null && optional) {
                continue;
            }
            if (content == null) {
                throw new IllegalStateException("MountVolume.SetUp failed: couldn't find key " + item.getKey()
                        + " in the volume's Secret or ConfigMap");
            }
            files.put(item.getPath(), content);
        }
        return files;
    }

    /** The kubelet's form: {@code key="value"} lines in key order, values quoted as Go quotes them. */
    private static String keyValueLines(@Nullable Map<String, String> values) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(values == null ? Map.<String, String>of() : values).forEach((key, value) -> lines.append(key)
                .append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                .append("\"\n"));
        return lines.toString();
    }

    private boolean sameAsWritten(String volume, Map<String, byte[]> content) {
        Map<String, byte[]> before = written.get(volume);
        if (before == null || !before.keySet().equals(content.keySet())) {
            return false;
        }
        return content.entrySet().stream().allMatch(file -> Arrays.equals(file.getValue(), before.get(file.getKey())));
    }

    /** The atomic writer's layout: a new {@code ..<time>} directory, then {@code ..data} swapped to it in one rename. */
    private void write(Path directory, Map<String, byte[]> files, int mode) {
        try {
            Path version = Files.createTempDirectory(directory, "..version-");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = version.resolve(file.getKey());
                Files.write(target, file.getValue());
                PosixModes.apply(target, mode);
                PosixModes.group(target, fsGroup);
            }
            PosixModes.apply(version, 0755);
            Path link = directory.resolve("..data");
            Path next = directory.resolve("..data_tmp");
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, version.getFileName());
            Path previous = Files.isSymbolicLink(link) ? directory.resolve(Files.readSymbolicLink(link)) : null;
            Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String file : files.keySet()) {
                Path visible = directory.resolve(file);
                if (!Files.isSymbolicLink(visible)) {
                    Files.createSymbolicLink(visible, Path.of("..data", file));
                }
            }
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (!name.startsWith("..") && !files.containsKey(name)) {
                        Files.delete(entry);
                    }
                }
            }
            if (previous != null && !previous.equals(version)) {
                ElasticsearchDistributions.deleteTree(previous);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path owned(Path directory, String permissions) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            PosixModes.group(directory, fsGroup);
            Files.setPosixFilePermissions(directory, PosixModes.parse(permissions));
        }
        return directory;
    }

    /**
     * The kubelet makes these read-only volumes readable by the pod's fsGroup (it ORs 0440 into each file's mode), so
     * that a {@code defaultMode} of 0400 still lets a container running as another user of that group read them.
     */
    private int withFsGroup(int mode) {
        return fsGroup == 0 ? mode : mode | 0440;
    }

    private static int mode(Volume volume) {
        Integer mode = volume.getConfigMap() != null
                ? volume.getConfigMap().getDefaultMode()
                : volume.getSecret() != null ? volume.getSecret().getDefaultMode() : null;
        return mode == null ? 0644 : mode;
    }

    private static Volume volume(Pod pod, String name) {
        return pod.getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pod has no volume " + name));
    }

    /** POSIX permissions and group ownership, as the kubelet sets them for the pod's fsGroup. */
    static final class PosixModes {

        private PosixModes() {}

        static void apply(Path path, int mode) throws IOException {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
            };
            for (int bit = 0; bit < order.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    permissions.add(order[bit]);
                }
            }
            Files.setPosixFilePermissions(path, permissions);
        }

        static Set<PosixFilePermission> parse(String permissions) {
            return PosixFilePermissions.fromString(permissions);
        }

        static void group(Path path, long gid) throws IOException {
            Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        }
    }
}

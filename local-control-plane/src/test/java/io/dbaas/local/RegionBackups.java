package io.dbaas.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dbaas.backup.agent.BackupAgent;
import io.dbaas.testsupport.elasticsearch.ContainerImages;
import io.dbaas.testsupport.elasticsearch.NfsExports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.ObjectMapper;

/**
 * The region of the tests' Elasticsearch clusters, {@code minikube/onprem}: an on-premises region whose
 * {@code backup-storage} is an NFS export (a made-up server; {@link NfsExports} makes it one host directory that every
 * node and agent pod of every cluster mounts), served by the same Kubernetes API server as {@code minikube/local}
 * (Nebula tells two such regions' objects apart by their annotations). It is a region of its own because Nebula refuses
 * Qdrant clusters in a region whose backups are not in S3-compatible storage, and the Qdrant tests claim in
 * {@code minikube/local}, which has no backup storage. Orion learns of the region as an operator adds one, through
 * {@code PUT /v1/providers/{provider}/regions/{region}}.
 *
 * <p>Also Nebula's agent image, mapped to the backup agent's main class on this JVM's classpath (there is no image
 * registry here), and Orion's backup settings for a test: an interval as short as one minute may be chosen, and the
 * schedule is looked at every few seconds.
 */
final class RegionBackups {

    static final String NFS_SERVER = "backups.nfs.test";
    static final String NFS_PATH = "/exports/dbaas";
    /** A tag of the test's own, so that the Jobs run the agent only because Nebula's setting named it. */
    static final String AGENT_IMAGE = "dbaas/backup-agent:end-to-end";

    static final String PROVIDER = LocalRegion.PROVIDER;
    static final String REGION = "onprem";

    private static final String NEBULA_REGION = "--nebula.providers." + PROVIDER + ".regions." + REGION;

    private final Path export;
    private final NfsExports exports;
    private final ContainerImages images;

    private RegionBackups(Path export, NfsExports exports, ContainerImages images) {
        this.export = export;
        this.exports = exports;
        this.images = images;
    }

    /** Makes the export's directory under {@code directory}, writable by the nodes' user as its administrator would. */
    static RegionBackups create(Path directory) {
        try {
            Path export = Files.createDirectories(directory.resolve("nfs-export"));
            Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rwxrwxrwx"));
            ContainerImages images = new ContainerImages()
                    .withJava(
                            "dbaas/backup-agent:",
                            directory.resolve("images").resolve("backup-agent"),
                            agentClasspath(),
                            BackupAgent.class.getName(),
                            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
            return new RegionBackups(export, NfsExports.of(Map.of(NFS_SERVER + ":" + NFS_PATH, export)), images);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nebula's settings: the region (on the API server at {@code apiUrl}) with its backup storage; the agent's image. */
    static List<String> nebulaArguments(String apiUrl) {
        return List.of(
                NEBULA_REGION + ".kubernetes.api-url=" + apiUrl,
                NEBULA_REGION + ".exposure=load-balancer",
                NEBULA_REGION + ".backup-storage.type=nfs",
                NEBULA_REGION + ".backup-storage.server=" + NFS_SERVER,
                NEBULA_REGION + ".backup-storage.path=" + NFS_PATH,
                "--nebula.backups.agent-image=" + AGENT_IMAGE);
    }

    /** Offers the region in Orion's catalog, with room for the tests' clusters, as the platform's operator does. */
    static void offer(Orion operator) {
        HttpResponse<String> offered = operator.put("/v1/providers/" + PROVIDER + "/regions/" + REGION, """
                {"display_name": "on-premises", "capacity": {"cpu": "64", "memory": "256Gi", "disk": "4Ti"}}""");
        if (offered.statusCode() != 201 && offered.statusCode() != 200) {
            throw new IllegalStateException("Orion did not offer region " + REGION + ": " + offered.body());
        }
    }

    /**
     * Orion's settings, as environment variables (Spring's relaxed binding: {@code orion.backups.min-interval}): a
     * cluster's admin may choose an interval of one minute, and the schedule is looked at every five seconds.
     */
    static Map<String, String> orionEnvironment() {
        return Map.of("ORION_BACKUPS_MININTERVAL", "PT1M", "ORION_BACKUPS_SCHEDULEPERIOD", "PT5S");
    }

    /** The host directory of the region's export: what every node sees at {@code /mnt/dbaas-backups}. */
    Path export() {
        return export;
    }

    /** Where a cluster's backups live in the export: {@code accounts/<account>/clusters/<cluster>}. */
    Path clusterDirectory(String accountId, String clusterId) {
        return export.resolve("accounts").resolve(accountId).resolve("clusters").resolve(clusterId);
    }

    NfsExports exports() {
        return exports;
    }

    ContainerImages images() {
        return images;
    }

    /** The agent's runtime classpath, as its image holds it: its classes and Jackson's jars. */
    private static List<Path> agentClasspath() {
        return Stream.of(BackupAgent.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .map(location -> {
                    try {
                        return Path.of(location.toURI());
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct()
                .toList();
    }
}

package io.dbaas.backup.agent;

import io.dbaas.testsupport.elasticsearch.NfsExports;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * A real one-node Elasticsearch cluster with security on (the file realm's {@code elastic} superuser, HTTP without
 * TLS), run by elasticsearch-node-support's StatefulSet stand-in from a StatefulSet written here, with its client
 * Service {@code elasticsearch}, and an NFS volume {@code backup-repository} mounted at {@code /mnt/dbaas-backups} as its
 * {@code path.repo}, as Nebula renders a region whose backup storage is {@code nfs}: a shared file system, which every
 * cluster of a test mounts, as an object store is shared by a region's clusters.
 */
final class SingleNodeElasticsearch implements AutoCloseable {

    static final String SNAPSHOTS_PATH = "/mnt/dbaas-backups";

    /** The export every test cluster mounts, as a region's {@code backup-storage} names it. */
    static final String NFS_SERVER = "nfs.backups.test";

    static final String NFS_PATH = "/exports/dbaas-backups";
    static final String CLIENT_SERVICE = "elasticsearch";
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** The cluster's credential user, as Nebula renders it: the file realm's {@code elastic}, the reserved realm off. */
    static final String USER = "elastic";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StatefulSetStandIn pods;
    private final String namespace;
    private final String password;

    private SingleNodeElasticsearch(StatefulSetStandIn pods, String namespace, String password) {
        this.pods = pods;
        this.namespace = namespace;
        this.password = password;
    }

    /** The export {@link #NFS_SERVER}:{@link #NFS_PATH} as the host directory {@code directory}. */
    static NfsExports export(Path directory) {
        return NfsExports.of(Map.of(NFS_SERVER + ":" + NFS_PATH, directory));
    }

    /**
     * Starts a node of {@code version} in {@code namespace}, whose backup repository is the NFS export of
     * {@code nfsExports}.
     */
    static SingleNodeElasticsearch start(
            KubernetesClient client, String namespace, String version, Path directory, NfsExports nfsExports) {
        String password = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName("users")
                        .endMetadata()
                        // data, not stringData: the mock API server does not fold stringData in, as a real one does.
                        .withData(Map.of(
                                "users", base64(USER + ":" + bcrypt(password) + "\n"),
                                "users_roles", base64("superuser:" + USER + "\n"),
                                "password", base64(password)))
                        .build())
                .create();
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName("scripts")
                        .endMetadata()
                        .withData(Map.of("start.sh", """
                                #!/bin/bash
                                set -euo pipefail
                                export ES_PATH_CONF=/mnt/config
                                cp -rn /usr/share/elasticsearch/config/. "$ES_PATH_CONF"/
                                ln -sfn /mnt/users/users "$ES_PATH_CONF/users"
                                ln -sfn /mnt/users/users_roles "$ES_PATH_CONF/users_roles"
                                exec /usr/share/elasticsearch/bin/elasticsearch \\
                                  -Enode.name="$HOSTNAME" -Enetwork.host=0.0.0.0 -Enetwork.publish_host="$POD_IP" "$@"
                                """, "ready.sh", """
                                #!/bin/bash
                                curl --silent --fail --max-time 3 --user "elastic:$(cat /mnt/users/password)" \\
                                  "http://$POD_IP:9200/_cluster/health?wait_for_status=yellow&timeout=1s"
                                """))
                        .build())
                .create();
        client.resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName("elasticsearch")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withServiceName("elasticsearch-nodes")
                        .withNewSelector()
                        .addToMatchLabels("app", "elasticsearch")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "elasticsearch")
                        .endMetadata()
                        .withNewSpec()
                        .withTerminationGracePeriodSeconds(30L)
                        .withNewSecurityContext()
                        .withRunAsUser(1000L)
                        .withRunAsGroup(1000L)
                        .withFsGroup(1000L)
                        .endSecurityContext()
                        .addNewContainer()
                        .withName("elasticsearch")
                        .withImage("docker.elastic.co/elasticsearch/elasticsearch:" + version)
                        .withCommand("/bin/bash", "/mnt/scripts/start.sh")
                        .withArgs(
                                "-Ediscovery.type=single-node",
                                "-Expack.security.enabled=true",
                                "-Expack.security.authc.reserved_realm.enabled=false",
                                "-Expack.security.http.ssl.enabled=false",
                                "-Expack.security.transport.ssl.enabled=false",
                                "-Epath.repo=" + SNAPSHOTS_PATH,
                                "-Ecluster.routing.allocation.disk.threshold_enabled=false")
                        .addNewEnv()
                        .withName("ES_JAVA_OPTS")
                        .withValue("-Xms512m -Xmx512m")
                        .endEnv()
                        .addNewEnv()
                        .withName("POD_IP")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("status.podIP")
                        .endFieldRef()
                        .endValueFrom()
                        .endEnv()
                        .withNewResources()
                        .addToLimits("memory", new Quantity("1Gi"))
                        .endResources()
                        .withNewStartupProbe()
                        .withNewTcpSocket()
                        .withPort(new IntOrString(9200))
                        .endTcpSocket()
                        .endStartupProbe()
                        .withNewReadinessProbe()
                        .withNewExec()
                        .withCommand("/bin/bash", "/mnt/scripts/ready.sh")
                        .endExec()
                        .withPeriodSeconds(2)
                        .withTimeoutSeconds(5)
                        .withFailureThreshold(3)
                        .endReadinessProbe()
                        .addNewVolumeMount()
                        .withName("scripts")
                        .withMountPath("/mnt/scripts")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("users")
                        .withMountPath("/mnt/users")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("config")
                        .withMountPath("/mnt/config")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("backup-repository")
                        .withMountPath(SNAPSHOTS_PATH)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("data")
                        .withMountPath("/usr/share/elasticsearch/data")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("logs")
                        .withMountPath("/usr/share/elasticsearch/logs")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .endContainer()
                        .addNewVolume()
                        .withName("scripts")
                        .withNewConfigMap()
                        .withName("scripts")
                        .withDefaultMode(0755)
                        .endConfigMap()
                        .endVolume()
                        .addNewVolume()
                        .withName("users")
                        .withNewSecret()
                        .withSecretName("users")
                        .withDefaultMode(0440)
                        .endSecret()
                        .endVolume()
                        .addNewVolume()
                        .withName("backup-repository")
                        .withNewNfs()
                        .withServer(NFS_SERVER)
                        .withPath(NFS_PATH)
                        .endNfs()
                        .endVolume()
                        .addNewVolume()
                        .withName("config")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .addNewVolume()
                        .withName("data")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .addNewVolume()
                        .withName("logs")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .addNewVolume()
                        .withName("tmp")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        StatefulSetStandIn pods = StatefulSetStandIn.start(
                client,
                namespace,
                "elasticsearch",
                directory,
                List.of("a"),
                new StatefulSetStandIn.ServicePort(CLIENT_SERVICE, 9200),
                nfsExports);
        return new SingleNodeElasticsearch(pods, namespace, password);
    }

    void awaitReady() {
        pods.awaitAllReady(START_TIMEOUT);
    }

    /** The node's API, as the Service in the cluster's namespace leads to it. */
    URI endpoint() {
        return URI.create("http://" + pods.address(0) + ":9200/");
    }

    /** The node's API as a pod of the namespace reaches it: the client Service's name, as Nebula renders it. */
    String serviceEndpoint() {
        return "http://" + CLIENT_SERVICE + "." + namespace + ".svc:9200";
    }

    /** The {@code elastic} user's password, as the cluster's credential Secret holds it. */
    String password() {
        return password;
    }

    /** Calls the node's API as {@code elastic}; status and body. */
    HttpResponse<String> call(String method, String path, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint().resolve(path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pods.close();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String bcrypt(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10);
    }
}

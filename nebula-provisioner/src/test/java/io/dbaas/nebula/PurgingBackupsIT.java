package io.dbaas.nebula;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.S3ProxyServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deleted cluster's backups purged through Nebula as it runs: the command over Kafka, the region's credentials from
 * its Secret, the objects in a real S3 server (S3Proxy in the JVM), the answer back over Kafka.
 */
class PurgingBackupsIT extends NebulaScenario {

    private final BlobStore blobs = S3ProxyServer.blobStore();
    private final UUID account = UUID.randomUUID();
    private final UUID cluster = UUID.randomUUID();

    @BeforeEach
    void regionsStoreAndSecret() {
        blobs.createContainerInLocation(null, BACKUP_BUCKET);
        MockKubernetesApi.otherClient()
                .secrets()
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(TestBackupStorage.SECRET)
                        .withNamespace(TestBackupStorage.SECRET_NAMESPACE)
                        .endMetadata()
                        .withStringData(
                                Map.of("access-key", S3ProxyServer.ACCESS_KEY, "secret-key", S3ProxyServer.SECRET_KEY))
                        .build())
                .createOr(existing -> existing.update());
    }

    @Test
    void aPurgeDeletesTheClustersObjectsAndAnswersHowManyLeavingTheNeighbours() {
        String path = "scenarios/accounts/" + account + "/clusters/" + cluster;
        for (int i = 0; i < 1_050; i++) {
            put(path + "/vectors/snapshot-" + i);
        }
        String neighbour = "scenarios/accounts/" + account + "/clusters/" + UUID.randomUUID() + "/index-0";
        put(neighbour);
        PurgeClusterBackups command = new PurgeClusterBackups(
                UUID.randomUUID(),
                Instant.now(),
                new MessageMetadata(UUID.randomUUID(), null, null),
                account,
                "archive",
                "vault",
                cluster,
                Engine.QDRANT);

        send(command);

        ClusterBackupsPurged purged = awaitCausedBy(cluster, ClusterBackupsPurged.class, command.id());
        assertThat(purged.objectsDeleted()).isEqualTo(1_050);
        assertThat(keys("scenarios/accounts/" + account + "/")).containsExactly(neighbour);
    }

    private void put(String key) {
        blobs.putBlob(
                BACKUP_BUCKET,
                blobs.blobBuilder(key)
                        .payload("x".getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        blobs.list(BACKUP_BUCKET, ListContainerOptions.Builder.prefix(prefix).recursive())
                .forEach(blob -> keys.add(blob.getName()));
        return keys;
    }
}

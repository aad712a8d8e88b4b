package io.dbaas.nebula.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A region with a running cluster in the mock API server, and what backup tests publish. */
final class BackupFixtures {

    static final RegionId REGION = new RegionId("minikube", "local");

    final UUID accountId = UUID.randomUUID();
    final UUID clusterId = UUID.randomUUID();
    final String namespace = ResourceNames.namespace(clusterId);
    final String backupId = clusterId + "-202612071200";
    final List<ClusterEvent> published = new CopyOnWriteArrayList<>();
    final ClusterEventPublisher publisher = published::add;
    final BackupEvents events = new BackupEvents(Clock.systemUTC(), MessageTracing.off());

    static Region region(@Nullable BackupStorage storage) {
        TestRegions.Builder builder = TestRegions.region();
        if (storage != null) {
            builder.backupStorage(storage);
        }
        return new Region(REGION, builder.build());
    }

    static RegionConnection connection(KubernetesClient client, Region region) {
        return new RegionConnection(region, client, "http://127.0.0.1", "test");
    }

    TakeBackup take(Engine engine) {
        return take(engine, accountId);
    }

    TakeBackup take(Engine engine, UUID account) {
        return new TakeBackup(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                account,
                REGION.provider(),
                REGION.region(),
                clusterId,
                engine,
                backupId,
                BackupTrigger.SCHEDULED);
    }

    /** The cluster's namespace and node StatefulSet, announced and with {@code ready} of 3 nodes ready. */
    void runningCluster(KubernetesClient client, String statefulSet, int ready) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .withAnnotations(Map.of(Annotations.ACCOUNT_ID, accountId.toString()))
                        .endMetadata()
                        .build())
                .create();
        client.apps()
                .statefulSets()
                .resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName(statefulSet)
                        .withNamespace(namespace)
                        .withAnnotations(Map.of(
                                Annotations.ANNOUNCED_COMMAND, UUID.randomUUID().toString()))
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(3)
                        .endSpec()
                        .build())
                .create();
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(statefulSet)
                .editStatus(live -> {
                    live.setStatus(new StatefulSetStatusBuilder()
                            .withReplicas(3)
                            .withReadyReplicas(ready)
                            .build());
                    return live;
                });
    }
}

package io.dbaas.local;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each object of every namespace was first written to the mock API server, as seen by watches on every kind
 * Nebula writes for a cluster (pods are the stand-in kubelet's, not Nebula's, and are not watched). The time is this
 * JVM's {@link System#nanoTime()} at the watch event's arrival, the clock the benchmark reads Orion's answers with.
 */
final class ObjectWrites implements AutoCloseable {

    private final Map<String, Map<String, Long>> firstWrites = new ConcurrentHashMap<>();
    private final List<Watch> watches = new ArrayList<>();

    private ObjectWrites() {}

    static ObjectWrites watch(NamespacedKubernetesClient client) {
        ObjectWrites writes = new ObjectWrites();
        writes.add(client.namespaces());
        writes.add(client.secrets().inAnyNamespace());
        writes.add(client.configMaps().inAnyNamespace());
        writes.add(client.services().inAnyNamespace());
        writes.add(client.policy().v1().podDisruptionBudget().inAnyNamespace());
        writes.add(client.network().v1().networkPolicies().inAnyNamespace());
        writes.add(client.apps().statefulSets().inAnyNamespace());
        writes.add(client.apps().deployments().inAnyNamespace());
        return writes;
    }

    private <T extends HasMetadata> void add(Watchable<T> kind) {
        watches.add(kind.watch(new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T object) {
                if (action == Action.ADDED) {
                    long now = System.nanoTime();
                    String namespace = object.getMetadata().getNamespace() == null
                            ? object.getMetadata().getName()
                            : object.getMetadata().getNamespace();
                    firstWrites
                            .computeIfAbsent(namespace, name -> new ConcurrentHashMap<>())
                            .putIfAbsent(key(object), now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                System.err.println("a watch of the mock API server closed: " + cause.getMessage());
            }
        }));
    }

    /** {@code Kind/name}; a namespace is keyed by its kind alone, as each cluster's is named after the cluster. */
    static String key(HasMetadata object) {
        if ("Namespace".equals(object.getKind())) {
            return "Namespace";
        }
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    /** The objects written so far in {@code namespace} (the namespace itself included), as {@code Kind/name}. */
    Set<String> objects(String namespace) {
        return Set.copyOf(firstWrites.getOrDefault(namespace, Map.of()).keySet());
    }

    /**
     * When the last of {@code expected} was first written in {@code namespace}, waiting for it up to {@code
     * timeoutMillis}; fails naming what is missing.
     */
    long lastWritten(String namespace, Set<String> expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            Map<String, Long> seen = firstWrites.getOrDefault(namespace, Map.of());
            if (seen.keySet().containsAll(expected)) {
                return expected.stream().mapToLong(seen::get).max().orElseThrow();
            }
            if (System.nanoTime() > deadline) {
                var missing = new ArrayList<>(expected);
                missing.removeAll(seen.keySet());
                throw new IllegalStateException("in " + namespace + ", never written: " + missing);
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }
}

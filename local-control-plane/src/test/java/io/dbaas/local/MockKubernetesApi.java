package io.dbaas.local;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * The Kubernetes API server of the end-to-end tests and the benchmarks: fabric8's mock in CRUD mode (objects stored,
 * listed and watched as written; no controller acts on them) on a free port of the loopback interface, and a client
 * of it for whatever plays the cluster's controllers.
 */
final class MockKubernetesApi implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private MockKubernetesApi(KubernetesMockServer server, NamespacedKubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    static MockKubernetesApi start() {
        var server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try {
            return new MockKubernetesApi(server, server.createClient());
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
    }

    NamespacedKubernetesClient client() {
        return client;
    }

    /** The URL Nebula reaches the API server at ({@code kubernetes.api-url} of a region). */
    String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

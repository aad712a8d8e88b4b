package io.dbaas.nebula.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;

/**
 * One fabric8 CRUD mock API server per test JVM, reached over plain HTTP like a region configured by {@code api-url}.
 * It sets no status: tests play the kubelet.
 */
public final class MockKubernetesApi {

    private static final KubernetesMockServer SERVER = start();
    private static final KubernetesClient CLIENT = SERVER.createClient();
    /** A second, separate API server, for a second region that must see only its own clusters. */
    private static final KubernetesMockServer OTHER_SERVER = start();

    private static final KubernetesClient OTHER_CLIENT = OTHER_SERVER.createClient();

    private MockKubernetesApi() {}

    public static String url() {
        return "http://127.0.0.1:" + SERVER.getPort();
    }

    /** A client of the mock, as a test (or a kubelet) would use it. */
    public static KubernetesClient client() {
        return CLIENT;
    }

    public static String otherUrl() {
        return "http://127.0.0.1:" + OTHER_SERVER.getPort();
    }

    public static KubernetesClient otherClient() {
        return OTHER_CLIENT;
    }

    /** A local port nothing listens on, for a region whose API is down. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KubernetesMockServer start() {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.setVersionInfo(new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("31")
                .withGitVersion("v1.31.0")
                .build());
        server.init();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        return server;
    }
}

package io.dbaas.nebula.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a region's Kubernetes API server that goes away and comes back: fabric8's CRUD mock on a fixed
 * loopback port, stopped (the port closed, as when the API server is down) and started again with the objects it held.
 * It can also refuse every request with a status of the test's choice, as a real API server refuses a forbidden or
 * invalid request, and it records every create (POST) it received, answered or refused, so that a test can tell an
 * object was written once.
 */
public final class RestartableKubernetesApi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port = MockKubernetesApi.closedPort();
    private final KubernetesCrudDispatcher objects = new KubernetesCrudDispatcher();
    private final List<String> creates = new CopyOnWriteArrayList<>();
    private volatile int refusal;
    private volatile @Nullable String unavailableCreates;
    private @Nullable KubernetesMockServer server;
    private @Nullable KubernetesClient client;

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts answering on {@link #url()}, with every object it held when it was stopped. */
    public synchronized void start() {
        KubernetesMockServer started =
                new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Recording(), false);
        started.setVersionInfo(new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("31")
                .withGitVersion("v1.31.0")
                .build());
        started.init(InetAddress.getLoopbackAddress(), port);
        server = started;
    }

    /** Closes the port: every request fails to connect until {@link #start()}. */
    public synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    /** Answers every request with {@code code} (a {@code Status} body, as Kubernetes writes one); 0 to stop refusing. */
    public void refuseWith(int code) {
        this.refusal = code;
    }

    /**
     * Answers 503 Service Unavailable to every create whose path ends with {@code resource} (for example {@code
     * /statefulsets}), as an API server whose storage is failing does, until called again with {@code null}; every
     * other request is served.
     */
    public void failCreatesOf(@Nullable String resource) {
        this.unavailableCreates = resource;
    }

    /** A client of the running stand-in, as a kubelet or a test would use it. */
    public synchronized KubernetesClient client() {
        if (server == null) {
            throw new IllegalStateException("the stand-in API server is stopped");
        }
        if (client == null) {
            client = server.createClient();
        }
        return client;
    }

    /** Every create received, as {@code POST <path>}: a path twice means an object was written twice. */
    public List<String> creates() {
        return List.copyOf(creates);
    }

    @Override
    public void close() {
        stop();
    }

    /** The CRUD objects, shared by every start, behind the refusal and the record of creates. */
    private final class Recording extends Dispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            int code = refusal;
            if (code > 0) {
                return new MockResponse()
                        .setResponseCode(code)
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                                + ",\"reason\":\"" + (code == 403 ? "Forbidden" : "Invalid")
                                + "\",\"message\":\"the stand-in refuses every request\"}");
            }
            String unavailable = unavailableCreates;
            if (unavailable != null
                    && "POST".equals(request.getMethod())
                    && request.getPath().endsWith(unavailable)) {
                return new MockResponse()
                        .setResponseCode(503)
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":503,"
                                + "\"reason\":\"ServiceUnavailable\",\"message\":\"etcd is unavailable\"}");
            }
            if ("POST".equals(request.getMethod())) {
                String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
                creates.add("POST " + request.getPath() + " " + nameIn(body));
            }
            return objects.dispatch(request);
        }

        private static String nameIn(String body) {
            return JSON.readTree(body).path("metadata").path("name").asString("?");
        }
    }
}

package io.dbaas.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control plane as {@code bench/provisioning.sh} measures it: the three services from their jars, embedded
 * PostgreSQL, a plain embedded KRaft broker (as {@code ./run-local} starts it), the mock Kubernetes API server with
 * {@link KubernetesControllers} playing the cluster's controllers, and a {@link RecordingUpstream} as the clusters'
 * client port. The local region {@code minikube/local} is served by the mock and sized by the operator for thousands
 * of small clusters. Also watches the mock ({@link ObjectWrites}) and Nebula's events ({@link ClusterEventsTap}).
 */
final class ProvisioningBenchFixture implements AutoCloseable {

    static final String DOMAIN = ControlPlaneUnderTest.DOMAIN;

    private final Deque<AutoCloseable> started;
    final ControlPlane controlPlane;
    final String kafka;
    final MockKubernetesApi api;
    final KubernetesControllers kubernetes;
    final ObjectWrites writes;
    final ClusterEventsTap events;
    final Orion orion;
    final GateKeeper gatekeeper;

    private ProvisioningBenchFixture(
            Deque<AutoCloseable> started,
            ControlPlane controlPlane,
            String kafka,
            MockKubernetesApi api,
            KubernetesControllers kubernetes,
            ObjectWrites writes,
            ClusterEventsTap events,
            Orion orion,
            GateKeeper gatekeeper) {
        this.started = started;
        this.controlPlane = controlPlane;
        this.kafka = kafka;
        this.api = api;
        this.kubernetes = kubernetes;
        this.writes = writes;
        this.events = events;
        this.orion = orion;
        this.gatekeeper = gatekeeper;
    }

    static ProvisioningBenchFixture start(Path home, Path logs) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedPostgres postgres = EmbeddedInfrastructure.postgres();
            started.push(postgres);
            LoopbackKafka kafka = EmbeddedInfrastructure.kafka();
            started.push(kafka);
            MockKubernetesApi api = MockKubernetesApi.start();
            started.push(api);
            ObjectWrites writes = ObjectWrites.watch(api.client());
            started.push(writes);
            RecordingUpstream upstream = RecordingUpstream.start();
            started.push(upstream);
            var ports = new ControlPlane.Ports(
                    ControlPlaneUnderTest.freePort(),
                    ControlPlaneUnderTest.freePort(),
                    ControlPlaneUnderTest.freePort(),
                    ControlPlaneUnderTest.freePort(),
                    ControlPlaneUnderTest.freePort());
            String adminToken = LocalSecrets.managementToken();
            String region = "--nebula.providers." + LocalRegion.PROVIDER + ".regions." + LocalRegion.REGION;
            ControlPlane controlPlane = ControlPlane.start(new ControlPlane.Settings(
                    home,
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    "",
                    kafka.bootstrapServers(),
                    LocalSecrets.keyEncryptionKey(),
                    adminToken,
                    DOMAIN,
                    ports,
                    List.of(region + ".kubernetes.api-url=" + api.url(), region + ".exposure=load-balancer"),
                    serviceEnvironments(),
                    logs,
                    null));
            started.push(controlPlane);
            Orion operator = new Orion(ports.orion(), adminToken);
            HttpResponse<String> sized = operator.put(
                    "/v1/providers/" + LocalRegion.PROVIDER + "/regions/" + LocalRegion.REGION + "/capacity",
                    "{\"cpu\": \"100000\", \"memory\": \"10000Ti\", \"disk\": \"10000Ti\"}");
            if (sized.statusCode() != 200) {
                throw new IllegalStateException("Orion did not size the region: " + sized.body());
            }
            HttpResponse<String> opened = operator.post("/v1/accounts", "{\"name\": \"bench\"}");
            if (opened.statusCode() != 201) {
                throw new IllegalStateException("Orion did not open the account: " + opened.body());
            }
            String tenantToken = Http.json(opened).get("admin").get("token").asString();
            ClusterEventsTap events = ClusterEventsTap.start(kafka.bootstrapServers());
            started.push(events);
            return new ProvisioningBenchFixture(
                    started,
                    controlPlane,
                    kafka.bootstrapServers(),
                    api,
                    new KubernetesControllers(api.client(), upstream),
                    writes,
                    events,
                    new Orion(ports.orion(), tenantToken),
                    new GateKeeper(ports.gatekeeper()));
        } catch (IOException e) {
            Started.stopAll(started, "the benchmark's control plane");
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            Started.stopAll(started, "the benchmark's control plane");
            throw e;
        }
    }

    /**
     * {@code BENCH_NEBULA_OPTS} (a JFR recording, a setting to try) as Nebula's {@code JAVA_TOOL_OPTIONS}; and for
     * GateKeeper a failed-authentication budget per address no poll exhausts. The harness asks without a key whether
     * a cluster is routed (a 401 says so) every few milliseconds, for up to 100 clusters at once, all from 127.0.0.1:
     * with the default budget (20 a minute) GateKeeper soon answers 429 to everything from that address, as it should
     * to a client guessing keys. The limiter still runs on every request, as in {@code bench/run.sh}.
     */
    private static Map<String, Map<String, String>> serviceEnvironments() {
        var environments = new HashMap<String, Map<String, String>>();
        environments.put("gatekeeper", Map.of("GATEKEEPER_ABUSE_FAILEDAUTHENTICATIONSPERADDRESS", "1000000000"));
        String options = System.getenv().getOrDefault("BENCH_NEBULA_OPTS", "");
        if (!options.isBlank()) {
            environments.put("nebula", Map.of("JAVA_TOOL_OPTIONS", options));
        }
        return environments;
    }

    /** The process id of {@code service} (orion, nebula or gatekeeper). */
    long pid(String service) {
        return controlPlane.services().stream()
                .filter(process -> process.name().equals(service))
                .findFirst()
                .orElseThrow()
                .process()
                .pid();
    }

    static String endpoint(String clusterId) {
        return clusterId + "." + LocalRegion.REGION + "." + LocalRegion.PROVIDER + "." + DOMAIN;
    }

    /** Stops the services, then what they used; a second call (the shutdown hook after the end) finds nothing left. */
    @Override
    public synchronized void close() {
        Started.stopAll(started, "the benchmark's control plane");
    }
}

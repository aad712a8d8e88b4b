package io.dbaas.nebula.kubernetes.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.ProviderProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.kubernetes.ClusterRestores;
import io.dbaas.nebula.kubernetes.KubernetesInfrastructureClient;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.metrics.WatchMeters;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnectedEvent;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.RestartableKubernetesApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The region meters of the status watches against a stand-in API server that goes down and comes back: {@code
 * nebula.region.reachable} follows it, and every restart of a failed watch counts in {@code nebula.watches.restarted}.
 */
class ClusterStatusWatchMetersTest {

    private static final RegionId UP_AND_DOWN = new RegionId("minikube", "local");
    private static final RegionId NEVER_UP = new RegionId("offline", "nowhere");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final RestartableKubernetesApi api = new RestartableKubernetesApi();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RegionClients clients = new RegionClients(event -> {});
    private ClusterStatusWatch watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.destroy();
        }
        clients.destroy();
        api.close();
    }

    @Test
    void aRegionGoingUnreachableFlipsTheGaugeAndItsWatchRestartsAreCounted() {
        api.start();
        RegionCatalog catalog = catalog(api.url(), "http://127.0.0.1:" + MockKubernetesApi.closedPort());
        watch = watch(catalog);
        watch.onRegionConnected(new RegionConnectedEvent(
                clients.connect(catalog.find(UP_AND_DOWN).orElseThrow())));

        await().atMost(PATIENCE).until(() -> reachable(UP_AND_DOWN) == 1);
        assertThat(restarts(UP_AND_DOWN)).isZero();

        api.stop();
        await().atMost(PATIENCE).until(() -> reachable(UP_AND_DOWN) == 0);
        await().atMost(PATIENCE).until(() -> restarts(UP_AND_DOWN) > 0);

        api.start();
        await().atMost(PATIENCE).until(() -> reachable(UP_AND_DOWN) == 1);
    }

    @Test
    void aRegionWhoseApiNeverAnsweredIsUnreachableAndKeepsRestartingItsWatches() {
        RegionCatalog catalog = catalog(api.url(), "http://127.0.0.1:" + MockKubernetesApi.closedPort());
        watch = watch(catalog);

        assertThat(reachable(NEVER_UP)).as("no client, no watch: not reachable").isZero();
        watch.onRegionConnected(
                new RegionConnectedEvent(clients.connect(catalog.find(NEVER_UP).orElseThrow())));

        await().atMost(PATIENCE).until(() -> restarts(NEVER_UP) > 0);
        assertThat(reachable(NEVER_UP)).isZero();
        assertThat(restarts(UP_AND_DOWN))
                .as("another region's failures are its own")
                .isZero();
    }

    private ClusterStatusWatch watch(RegionCatalog catalog) {
        return new ClusterStatusWatch(
                new StatusAnnouncer(
                        MasterKeyCipher.fromBase64("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
                        event -> {},
                        MessageTracing.off()),
                new EngineBlueprints(TestBlueprints.all()),
                clients,
                new ClusterRestores(mock(KubernetesInfrastructureClient.class)),
                TestRegions.nebula(),
                new ClusterStates(registry),
                catalog,
                registry);
    }

    private double reachable(RegionId region) {
        return registry.get(WatchMeters.REACHABLE)
                .tag("provider", region.provider())
                .tag("region", region.region())
                .gauge()
                .value();
    }

    private double restarts(RegionId region) {
        return registry.get(WatchMeters.RESTARTED)
                .tag("provider", region.provider())
                .tag("region", region.region())
                .counter()
                .count();
    }

    private static RegionCatalog catalog(String upAndDownUrl, String neverUpUrl) {
        NebulaProperties defaults = TestRegions.nebula();
        return new RegionCatalog(new NebulaProperties(
                Map.of(
                        UP_AND_DOWN.provider(),
                        new ProviderProperties(Map.of(
                                UP_AND_DOWN.region(),
                                TestRegions.region().apiUrl(upAndDownUrl).build())),
                        NEVER_UP.provider(),
                        new ProviderProperties(Map.of(
                                NEVER_UP.region(),
                                TestRegions.region().apiUrl(neverUpUrl).build()))),
                defaults.topics(),
                defaults.kubernetesRetry(),
                defaults.gatekeeper(),
                defaults.deletion(),
                defaults.status(),
                null));
    }
}

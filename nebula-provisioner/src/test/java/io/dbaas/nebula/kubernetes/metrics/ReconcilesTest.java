package io.dbaas.nebula.kubernetes.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ReconcilesTest {

    private static final RegionId REGION = new RegionId("minikube", "local");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Reconciles reconciles = new Reconciles(
            new RegionCatalog(
                    TestRegions.nebula("minikube", "local", TestRegions.region().build())),
            registry);

    @Test
    void aReconcileThatConvergesIsCountedAsSucceeded() {
        String result = reconciles.timed(Engine.QDRANT, REGION, () -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(count(Engine.QDRANT, "succeeded")).isEqualTo(1);
        assertThat(count(Engine.QDRANT, "failed")).isZero();
        assertThat(count(Engine.QDRANT, "deferred")).isZero();
    }

    @Test
    void aPermanentFailureIsCountedAsFailedAndStillThrown() {
        InfrastructureException refused = new InfrastructureException("Nebula does not shrink volumes.", false);

        assertThatThrownBy(() -> reconciles.timed(Engine.ELASTICSEARCH, REGION, () -> {
                    throw refused;
                }))
                .isSameAs(refused);

        assertThat(count(Engine.ELASTICSEARCH, "failed")).isEqualTo(1);
        assertThat(count(Engine.ELASTICSEARCH, "deferred")).isZero();
        assertThat(count(Engine.ELASTICSEARCH, "succeeded")).isZero();
    }

    @Test
    void aFailureThatMayPassIsCountedAsDeferred() {
        assertThatThrownBy(() -> reconciles.timed(Engine.QDRANT, REGION, () -> {
                    throw new InfrastructureException("The Kubernetes API is unreachable.", true);
                }))
                .isInstanceOf(InfrastructureException.class);

        assertThat(count(Engine.QDRANT, "deferred")).isEqualTo(1);
        assertThat(count(Engine.QDRANT, "failed")).isZero();
    }

    @Test
    void anUnexpectedErrorIsCountedAsFailed() {
        assertThatThrownBy(() -> reconciles.timed(Engine.QDRANT, REGION, () -> {
                    throw new IllegalStateException("a bug");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(count(Engine.QDRANT, "failed")).isEqualTo(1);
    }

    @Test
    void everyOutcomeOfEveryConfiguredRegionExistsAtZeroBeforeTheFirstReconcile() {
        assertThat(registry.find(Reconciles.NAME).timers())
                .hasSize(2 * 3)
                .allSatisfy(timer -> assertThat(timer.count()).isZero())
                .allSatisfy(timer -> {
                    assertThat(timer.getId().getTag("provider")).isEqualTo("minikube");
                    assertThat(timer.getId().getTag("region")).isEqualTo("local");
                });
    }

    private long count(Engine engine, String outcome) {
        Timer timer = registry.get(Reconciles.NAME)
                .tag("engine", engine.id())
                .tag("provider", REGION.provider())
                .tag("region", REGION.region())
                .tag("outcome", outcome)
                .timer();
        return timer.count();
    }
}

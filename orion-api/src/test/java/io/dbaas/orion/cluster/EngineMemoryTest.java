package io.dbaas.orion.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.catalog.CatalogProperties;
import io.dbaas.orion.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Each engine's least memory per node is read from the catalog at start, over Orion's own {@code application.yaml}:
 * a value that is no quantity, or above what any claim may ask, stops the start naming the setting.
 */
class EngineMemoryTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(ReadsTheSettings.class);

    @Test
    void byDefaultElasticsearchNeeds1GiAndQdrantTheGeneralMinimum() {
        context.run(started -> {
            EngineMemory memory = started.getBean(EngineMemory.class);

            assertThat(violations(memory, Engine.ELASTICSEARCH, "1023Mi"))
                    .containsExactly(new FieldViolation("memory", "must be at least 1Gi per node for elasticsearch"));
            assertThat(violations(memory, Engine.ELASTICSEARCH, "1Gi")).isEmpty();
            assertThat(violations(memory, Engine.QDRANT, "512Mi"))
                    .as("Qdrant sets none: orion.limits.memory.min (512Mi) is checked with the other limits")
                    .isEmpty();
        });
    }

    @Test
    void anEngineMinimumIsASetting() {
        context.withPropertyValues(
                        "orion.catalog.engines.elasticsearch.min-memory=2Gi",
                        "orion.catalog.engines.qdrant.min-memory=1Gi")
                .run(started -> {
                    EngineMemory memory = started.getBean(EngineMemory.class);

                    assertThat(violations(memory, Engine.ELASTICSEARCH, "1536Mi"))
                            .extracting(FieldViolation::detail)
                            .containsExactly("must be at least 2Gi per node for elasticsearch");
                    assertThat(violations(memory, Engine.QDRANT, "512Mi"))
                            .extracting(FieldViolation::detail)
                            .containsExactly("must be at least 1Gi per node for qdrant");
                });
    }

    @Test
    void aMinimumThatIsNoQuantityStopsTheStart() {
        assertRefused(
                "orion.catalog.engines.elasticsearch.min-memory=1 GB",
                "orion.catalog.engines.elasticsearch.min-memory: '1 GB' is not a Kubernetes quantity");
    }

    @Test
    void aMinimumNoClaimCouldMeetStopsTheStart() {
        assertRefused(
                "orion.catalog.engines.qdrant.min-memory=128Gi",
                "orion.catalog.engines.qdrant.min-memory: 128Gi is above orion.limits.memory.max (64Gi)");
    }

    private void assertRefused(String setting, String message) {
        context.withPropertyValues(setting).run(started -> assertThat(started)
                .hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message));
    }

    private static List<FieldViolation> violations(EngineMemory memory, Engine engine, String value) {
        var violations = new ArrayList<FieldViolation>();
        memory.check(engine, Quantity.of(value), violations);
        return violations;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CatalogProperties.class, ClaimLimits.class})
    @Import(EngineMemory.class)
    static class ReadsTheSettings {}
}

package io.dbaas.nebula.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The validator itself: it must catch what a real API server (or kubeconform -strict) would reject. */
class KubernetesSchemasTest {

    private final KubernetesSchemas schemas = KubernetesSchemas.strict();
    private final DesiredCluster cluster = TestBlueprints.qdrant()
            .render(TestSpecs.qdrant(UUID.randomUUID()), TestRegions.region().build());

    @Test
    void aRenderedStatefulSetIsValid() {
        assertThat(schemas.violations(cluster.statefulSets().getFirst())).isEmpty();
    }

    @Test
    void aMisspelledFieldDeepInsideAnObjectIsCaught() {
        ObjectNode statefulSet = schemas.asJson(cluster.statefulSets().getFirst());
        ObjectNode container = (ObjectNode) statefulSet.at("/spec/template/spec/containers/0");
        container.set("imagePulPolicy", container.remove("imagePullPolicy"));

        assertThat(schemas.violations(statefulSet)).singleElement().asString().contains("imagePulPolicy");
    }

    @Test
    void aFieldInTheWrongPlaceIsCaught() {
        ObjectNode statefulSet = schemas.asJson(cluster.statefulSets().getFirst());
        // readOnlyRootFilesystem belongs to the container's security context, not the pod's.
        ((ObjectNode) statefulSet.at("/spec/template/spec/securityContext")).put("readOnlyRootFilesystem", true);

        assertThat(schemas.violations(statefulSet)).singleElement().asString().contains("readOnlyRootFilesystem");
    }

    @Test
    void aWrongTypeAndAMissingRequiredFieldAreCaught() {
        ObjectNode statefulSet = schemas.asJson(cluster.statefulSets().getFirst());
        ((ObjectNode) statefulSet.get("spec")).put("replicas", "three");
        ((ObjectNode) statefulSet.at("/spec/template/spec/containers/0")).remove("name");

        assertThat(schemas.violations(statefulSet))
                .hasSize(2)
                .anySatisfy(message -> assertThat(message).contains("replicas"))
                .anySatisfy(message -> assertThat(message).contains("name"));
    }

    @Test
    void portsAndQuantitiesMayBeNumbersOrStringsAsKubernetesAllows() {
        ObjectNode budget = schemas.asJson(cluster.podDisruptionBudgets().getFirst());
        ((ObjectNode) budget.get("spec")).put("maxUnavailable", "25%");

        assertThat(schemas.violations(budget)).isEmpty();
        ((ObjectNode) budget.get("spec")).putObject("maxUnavailable").put("IntVal", 1);
        assertThat(schemas.violations(budget)).isNotEmpty();
    }

    @Test
    void anUnknownKindHasNoSchemaAndIsReported() {
        ObjectNode configMap = schemas.asJson(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("x")
                .endMetadata()
                .build());
        configMap.put("apiVersion", "v2");

        assertThat(schemas.violations(configMap)).containsExactly("no schema for v2/ConfigMap");
    }
}

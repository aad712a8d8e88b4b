package io.dbaas.nebula.kubernetes.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.support.SentRequests;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * StatefulSet changes a real API server refuses to update (it answers 422 {@code spec: Forbidden}), against fabric8's
 * CRUD mock API server, which accepts them: so what Nebula sends is checked, not what the mock ends up holding.
 */
@EnableKubernetesMockClient(crud = true)
class StatefulSetApplierTest {

    KubernetesClient client;

    private SentRequests sent;

    @AfterEach
    void close() {
        if (sent != null) {
            sent.close();
        }
    }

    @Test
    void anotherSelectorIsRefusedWithTheReasonAndNothingIsSent() {
        new Appliers(client).statefulSets().apply(statefulSet(Map.of("app", "db"), "standard"));
        sent = new SentRequests(client);
        StatefulSetApplier statefulSets = new Appliers(sent.client()).statefulSets();
        StatefulSet reselected = statefulSet(Map.of("app", "db", "tier", "data"), "standard");

        assertThat(statefulSets.refusal(reselected)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("selects its pods by {app=db}")
                .contains("would not be adopted"));
        assertThatThrownBy(() -> statefulSets.apply(reselected))
                .isInstanceOf(ImmutableFieldChangeException.class)
                .hasMessageContaining("The StatefulSet is unchanged");
        assertThat(sent.writes()).isEmpty();
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace("db")
                        .withName("db")
                        .get()
                        .getSpec()
                        .getSelector()
                        .getMatchLabels())
                .containsOnly(Map.entry("app", "db"));
    }

    @Test
    void anotherServiceNameRecreatesTheStatefulSetInsteadOfPatchingIt() {
        new Appliers(client).statefulSets().apply(statefulSet(Map.of("app", "db"), "standard"));
        sent = new SentRequests(client);
        StatefulSet renamed = statefulSet(Map.of("app", "db"), "standard");
        renamed.getSpec().setServiceName("db-peers");

        new Appliers(sent.client()).statefulSets().apply(renamed);

        assertThat(sent.writes()).extracting(SentRequests.Sent::method).containsExactly("DELETE", "POST");
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace("db")
                        .withName("db")
                        .get()
                        .getSpec()
                        .getServiceName())
                .isEqualTo("db-peers");
    }

    private static StatefulSet statefulSet(Map<String, String> selector, String storageClass) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withNamespace("db")
                .withName("db")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withServiceName("db-headless")
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(selector)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("db")
                .withImage("db:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate()
                .withNewMetadata()
                .withName("data")
                .endMetadata()
                .withNewSpec()
                .withStorageClassName(storageClass)
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("10Gi"))
                .endResources()
                .endSpec()
                .endVolumeClaimTemplate()
                .endSpec()
                .build();
    }
}

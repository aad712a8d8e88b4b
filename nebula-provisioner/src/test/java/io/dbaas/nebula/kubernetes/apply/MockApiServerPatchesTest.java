package io.dbaas.nebula.kubernetes.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why Nebula writes JSON Patches (ADR 0014): how fabric8's CRUD mock API server, the stand-in for a real API server in
 * every Nebula test, applies each kind of patch. A real API server applies a JSON merge patch as RFC 7386 says (lists
 * replaced whole, {@code null} removes a field); the mock does not, so a merge patch would be tested against other
 * semantics than production's. Should a fabric8 upgrade change this, this test says so.
 */
@EnableKubernetesMockClient(crud = true)
class MockApiServerPatchesTest {

    KubernetesClient client;

    @Test
    void aJsonPatchIsAppliedAsRfc6902Says() {
        Service service = client.resource(service()).create();

        client.resource(service)
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/spec/ports\",\"value\":[{\"name\":\"http\",\"port\":9090}]},"
                                + "{\"op\":\"remove\",\"path\":\"/metadata/annotations/retired\"}]");

        Service live = client.services().inNamespace("db").withName("db").get();
        assertThat(live.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(port.getPort())
                .isEqualTo(9090));
        assertThat(live.getMetadata().getAnnotations()).doesNotContainKey("retired");
    }

    @Test
    void aJsonMergePatchAppendsToListsInsteadOfReplacingThem() {
        Service service = client.resource(service()).create();

        client.resource(service)
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":9090}]}}");

        assertThat(client.services()
                        .inNamespace("db")
                        .withName("db")
                        .get()
                        .getSpec()
                        .getPorts())
                .as("RFC 7386 would leave the one port 9090")
                .hasSize(2);
    }

    @Test
    void aJsonMergePatchKeepsANullifiedFieldInsteadOfRemovingIt() {
        ConfigMap config = client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("db")
                        .withName("db")
                        .endMetadata()
                        .withData(Map.of("kept", "1", "retired", "2"))
                        .build())
                .create();

        client.resource(config).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"retired\":null}}");

        assertThat(client.configMaps().inNamespace("db").withName("db").get().getData())
                .as("RFC 7386 would remove the key")
                .containsKey("retired");
    }

    private static Service service() {
        return new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("db")
                .withName("db")
                .withAnnotations(Map.of("retired", "yes"))
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName("http")
                .withPort(8080)
                .endPort()
                .endSpec()
                .build();
    }
}

package io.dbaas.nebula.kubernetes.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.support.SentRequests;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Nebula's create-or-patch writes, against fabric8's CRUD mock API server (a stand-in for a real API server, which
 * cannot run here; it applies JSON Patches as RFC 6902 says, as a real one does). Another controller's edits are made
 * the way another controller would, by patching the live object.
 */
@EnableKubernetesMockClient(crud = true)
class ResourceApplierTest {

    private static final String NAMESPACE = "owned-fields";

    KubernetesClient client;

    private SentRequests sent;

    @AfterEach
    void close() {
        if (sent != null) {
            sent.close();
        }
    }

    @Test
    void aServiceKeepsWhatTheCloudAndOtherControllersSetWhenNebulaChangesItsOwnFields() {
        ResourceApplier<Service> services = new Appliers(client).services();
        services.apply(service(Map.of("lb.example/scheme", "internal", "lb.example/retired", "yes"), 8080));
        client.services().inNamespace(NAMESPACE).withName("db").edit(live -> new ServiceBuilder(live)
                .editMetadata()
                .addToAnnotations("cloud.example/load-balancer-id", "lb-123")
                .addToLabels("team", "search")
                .endMetadata()
                .editSpec()
                .withLoadBalancerClass("service.k8s.aws/nlb")
                .endSpec()
                .build());

        ResourceChange change = services.apply(service(Map.of("lb.example/scheme", "internet-facing"), 9090));

        Service live = client.services().inNamespace(NAMESPACE).withName("db").get();
        assertThat(change).isEqualTo(ResourceChange.UPDATED);
        assertThat(live.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
        assertThat(live.getMetadata().getAnnotations())
                .containsEntry("cloud.example/load-balancer-id", "lb-123")
                .containsEntry("lb.example/scheme", "internet-facing")
                .as("an annotation Nebula stopped rendering is removed")
                .doesNotContainKey("lb.example/retired");
        assertThat(live.getMetadata().getLabels())
                .containsEntry("team", "search")
                .containsEntry("app", "db");
        assertThat(live.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(port.getPort())
                .isEqualTo(9090));

        assertThat(services.apply(service(Map.of("lb.example/scheme", "internet-facing"), 9090)))
                .as("a resync of the same rendering")
                .isEqualTo(ResourceChange.UNCHANGED);
        assertThat(client.services()
                        .inNamespace(NAMESPACE)
                        .withName("db")
                        .get()
                        .getSpec()
                        .getLoadBalancerClass())
                .isEqualTo("service.k8s.aws/nlb");
    }

    @Test
    void theNamespaceKeepsLabelsAddedByAdmission() {
        ResourceApplier<io.fabric8.kubernetes.api.model.Namespace> namespaces = new Appliers(client).namespaces();
        Function<String, io.fabric8.kubernetes.api.model.Namespace> rendered = nodes -> new NamespaceBuilder()
                .withMetadata(meta(null, "dbaas-owned", Map.of("dbaas.io/nodes", nodes)))
                .build();
        namespaces.apply(rendered.apply("3"));
        client.namespaces().withName("dbaas-owned").edit(live -> new NamespaceBuilder(live)
                .editMetadata()
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("kubernetes.io/metadata.name", "dbaas-owned")
                .endMetadata()
                .build());

        namespaces.apply(rendered.apply("5"));

        var live = client.namespaces().withName("dbaas-owned").get();
        assertThat(live.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("kubernetes.io/metadata.name", "dbaas-owned");
        assertThat(live.getMetadata().getAnnotations()).containsEntry("dbaas.io/nodes", "5");
    }

    @Test
    void aDisruptionBudgetANetworkPolicyAndAConfigMapKeepForeignLabelsAndAnnotations() {
        Appliers appliers = new Appliers(client);
        Function<Integer, io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget> budget =
                unavailable -> new PodDisruptionBudgetBuilder()
                        .withMetadata(meta(NAMESPACE, "db", Map.of()))
                        .withNewSpec()
                        .withMaxUnavailable(new IntOrString(unavailable))
                        .withNewSelector()
                        .addToMatchLabels("app", "db")
                        .endSelector()
                        .endSpec()
                        .build();
        Function<Integer, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy> policy =
                port -> new NetworkPolicyBuilder()
                        .withMetadata(meta(NAMESPACE, "db", Map.of()))
                        .withNewSpec()
                        .withNewPodSelector()
                        .addToMatchLabels("app", "db")
                        .endPodSelector()
                        .addNewIngress()
                        .addNewPort()
                        .withPort(new IntOrString(port))
                        .endPort()
                        .endIngress()
                        .endSpec()
                        .build();
        Function<String, io.fabric8.kubernetes.api.model.ConfigMap> config = value -> new ConfigMapBuilder()
                .withMetadata(meta(NAMESPACE, "db", Map.of()))
                .withData(Map.of("config.yaml", value))
                .build();
        appliers.podDisruptionBudgets().apply(budget.apply(1));
        appliers.networkPolicies().apply(policy.apply(6333));
        appliers.configMaps().apply(config.apply("a: 1"));
        markByAnotherController(client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(NAMESPACE)
                .withName("db"));
        markByAnotherController(
                client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("db"));
        markByAnotherController(client.configMaps().inNamespace(NAMESPACE).withName("db"));

        assertThat(appliers.podDisruptionBudgets().apply(budget.apply(2))).isEqualTo(ResourceChange.UPDATED);
        assertThat(appliers.networkPolicies().apply(policy.apply(6334))).isEqualTo(ResourceChange.UPDATED);
        assertThat(appliers.configMaps().apply(config.apply("a: 2"))).isEqualTo(ResourceChange.UPDATED);

        var liveBudget = client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(NAMESPACE)
                .withName("db")
                .get();
        var livePolicy = client.network()
                .v1()
                .networkPolicies()
                .inNamespace(NAMESPACE)
                .withName("db")
                .get();
        var liveConfig =
                client.configMaps().inNamespace(NAMESPACE).withName("db").get();
        for (HasMetadata live : java.util.List.<HasMetadata>of(liveBudget, livePolicy, liveConfig)) {
            assertThat(live.getMetadata().getAnnotations())
                    .as(live.getKind())
                    .containsEntry("mesh.example/injected", "true");
            assertThat(live.getMetadata().getLabels()).as(live.getKind()).containsEntry("cost-center", "42");
        }
        assertThat(liveBudget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2);
        assertThat(livePolicy.getSpec().getIngress().getFirst().getPorts())
                .singleElement()
                .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(6334));
        assertThat(liveConfig.getData()).containsEntry("config.yaml", "a: 2");
    }

    @Test
    void aChangeMadeBetweenNebulasReadAndItsWriteIsReadAgainNotPatchedOver() {
        sent = new SentRequests(client);
        ResourceApplier<Service> services = new Appliers(sent.client()).services();
        services.apply(service(Map.of("lb.example/scheme", "internal"), 8080));
        // Someone sets the port by hand just after Nebula read the Service: Nebula's patch, computed without the port
        // (the live port was already what Nebula renders), must not win blindly.
        sent.raceBefore(
                request -> request.isPatchOf("services"),
                1,
                () -> client.services().inNamespace(NAMESPACE).withName("db").edit(live -> new ServiceBuilder(live)
                        .editMetadata()
                        .addToAnnotations("cloud.example/load-balancer-id", "lb-456")
                        .endMetadata()
                        .editSpec()
                        .editFirstPort()
                        .withPort(1234)
                        .endPort()
                        .endSpec()
                        .build()));

        ResourceChange change = services.apply(service(Map.of("lb.example/scheme", "internet-facing"), 8080));

        Service live = client.services().inNamespace(NAMESPACE).withName("db").get();
        assertThat(change).isEqualTo(ResourceChange.UPDATED);
        assertThat(sent.all())
                .filteredOn(request -> request.isPatchOf("services"))
                .hasSize(2);
        assertThat(live.getSpec().getPorts().getFirst().getPort())
                .as("Nebula's port, patched again after reading the concurrent change")
                .isEqualTo(8080);
        assertThat(live.getMetadata().getAnnotations())
                .containsEntry("cloud.example/load-balancer-id", "lb-456")
                .containsEntry("lb.example/scheme", "internet-facing");
    }

    @Test
    void anObjectThatKeepsChangingUnderNebulaFailsWithTheConflictRatherThanBeingOverwritten() {
        sent = new SentRequests(client);
        ResourceApplier<Service> services = new Appliers(sent.client()).services();
        services.apply(service(Map.of(), 8080));
        sent.raceBefore(
                request -> request.isPatchOf("services"),
                Integer.MAX_VALUE,
                () -> client.services().inNamespace(NAMESPACE).withName("db").edit(live -> new ServiceBuilder(live)
                        .editMetadata()
                        .addToAnnotations("busy", String.valueOf(System.nanoTime()))
                        .endMetadata()
                        .build()));

        assertThatThrownBy(() -> services.apply(service(Map.of("lb.example/scheme", "internal"), 8080)))
                .isInstanceOfSatisfying(
                        ResourceOperationException.class,
                        e -> assertThat(e.getCause().getCode()).isEqualTo(409))
                .hasMessageContaining("updating Service " + NAMESPACE + "/db failed");
        assertThat(sent.all())
                .filteredOn(request -> request.isPatchOf("services"))
                .hasSize(ResourceApplier.ATTEMPTS);
        assertThat(client.services()
                        .inNamespace(NAMESPACE)
                        .withName("db")
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .doesNotContainKey("lb.example/scheme");
    }

    private static Service service(Map<String, String> annotations, int port) {
        return new ServiceBuilder()
                .withMetadata(meta(NAMESPACE, "db", annotations))
                .withNewSpec()
                .addToSelector("app", "db")
                .addNewPort()
                .withName("http")
                .withPort(port)
                .endPort()
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(String namespace, String name, Map<String, String> annotations) {
        return new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(Map.of("app", "db", "app.kubernetes.io/managed-by", "nebula"))
                .withAnnotations(annotations)
                .build();
    }

    private static <T extends HasMetadata> void markByAnotherController(
            io.fabric8.kubernetes.client.dsl.Resource<T> resource) {
        resource.edit(live -> {
            live.getMetadata().getAnnotations().put("mesh.example/injected", "true");
            live.getMetadata().getLabels().put("cost-center", "42");
            return live;
        });
    }
}

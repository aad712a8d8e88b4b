package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.InstallGuide;
import io.dbaas.helm.support.Manifests;
import io.dbaas.helm.support.TrialDependencies;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The trial install of docs/operations/helm.md, command by command: both charts rendered with exactly the releases,
 * namespace, {@code --set} and values file the guide gives, and the control plane pointed at the trial Services.
 */
class TrialInstallGuideTest {

    private static final Path REPOSITORY =
            HelmChart.INSTALL_GUIDE.getParent().getParent().getParent();
    private static final List<String> MODULES = List.of("orion-api", "nebula-provisioner", "gatekeeper-proxy");

    private final InstallGuide guide = InstallGuide.section("Try it in minikube or kind");
    private final List<String> trialInstall = guide.command("helm install dbaas-trial ");
    private final List<String> controlPlaneInstall = guide.command("helm install dbaas ");
    private final Manifests trial = TrialDependencies.renderWithSets(InstallGuide.sets(trialInstall));
    private final Manifests controlPlane = HelmChart.renderWithFiles(
            REPOSITORY.resolve(InstallGuide.option(controlPlaneInstall, "-f").orElseThrow()));

    @Test
    void theGuideInstallsTheChartsTheTestsRenderUnderTheSameReleasesNamespaceAndValuesFile() {
        assertThat(trialInstall.subList(0, 4))
                .containsExactly("helm", "install", TrialDependencies.RELEASE, "helm/trial-dependencies");
        assertThat(controlPlaneInstall.subList(0, 4))
                .containsExactly("helm", "install", HelmChart.RELEASE, "helm/dbaas-control-plane");
        assertThat(InstallGuide.option(trialInstall, "-n")).contains(HelmChart.NAMESPACE);
        assertThat(InstallGuide.option(controlPlaneInstall, "-n")).contains(HelmChart.NAMESPACE);
        assertThat(REPOSITORY
                        .resolve(InstallGuide.option(controlPlaneInstall, "-f").orElseThrow())
                        .normalize())
                .isEqualTo(HelmChart.MINIKUBE_VALUES.toAbsolutePath().normalize());
        assertThat(guide.command("helm test ")).containsSubsequence("dbaas", "-n", HelmChart.NAMESPACE);
    }

    @Test
    void bothChartsRenderObjectsTheApiServerAccepts() {
        assertThat(List.of(trial, controlPlane))
                .flatMap(Manifests::documents)
                .flatMap(document -> KubernetesSchemas.strict().violations(document).stream()
                        .map(violation -> document.path("kind").asText() + ": " + violation)
                        .toList())
                .isEmpty();
    }

    @Test
    void orionAndNebulaUseTheTrialDatabaseByItsServiceItsPortAndItsDatabaseName() {
        Service postgres = trial.called(Service.class, TrialDependencies.name("postgres"));
        URI jdbc = URI.create(controlPlane
                .springConfig("orion")
                .at("/spring/datasource/url")
                .asText()
                .substring("jdbc:".length()));

        assertThat(jdbc.getScheme()).isEqualTo("postgresql");
        assertThat(jdbc.getHost()).isEqualTo(postgres.getMetadata().getName() + "." + HelmChart.NAMESPACE + ".svc");
        assertThat(jdbc.getPort())
                .isEqualTo(postgres.getSpec().getPorts().getFirst().getPort());
        assertThat(jdbc.getPath())
                .isEqualTo("/" + plainEnv(trialContainer("postgres")).get("POSTGRES_DB"));
        assertThat(controlPlane
                        .springConfig("nebula")
                        .at("/spring/datasource/url")
                        .asText())
                .isEqualTo("jdbc:" + jdbc);
    }

    @Test
    void orionAndNebulaLogInWithTheUserTheTrialDatabaseWasCreatedWith() {
        Map<String, EnvVar> postgres = secretEnv(trialContainer("postgres"));

        for (String component : List.of("orion", "nebula")) {
            Map<String, EnvVar> service = secretEnv(controlPlane.container(component));
            assertThat(reference(service.get("SPRING_DATASOURCE_USERNAME")))
                    .as(component)
                    .isEqualTo(reference(postgres.get("POSTGRES_USER")));
            assertThat(reference(service.get("SPRING_DATASOURCE_PASSWORD")))
                    .as(component)
                    .isEqualTo(reference(postgres.get("POSTGRES_PASSWORD")));
        }
    }

    @Test
    void allThreeServicesUseTheTrialKafkaAtTheAddressItAdvertisesWithSingleReplicaTopics() {
        Service kafka = trial.called(Service.class, TrialDependencies.name("kafka"));
        String bootstrap = kafka.getMetadata().getName() + "." + HelmChart.NAMESPACE + ".svc:"
                + kafka.getSpec().getPorts().getFirst().getPort();

        assertThat(plainEnv(trialContainer("kafka")))
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + bootstrap);
        for (String component : List.of("orion", "nebula", "gatekeeper")) {
            assertThat(controlPlane
                            .springConfig(component)
                            .at("/spring/kafka/bootstrap-servers")
                            .asText())
                    .as(component)
                    .isEqualTo(bootstrap);
        }
        assertThat(controlPlane
                        .springConfig("orion")
                        .at("/dbaas/kafka/replication-factor")
                        .asInt())
                .isEqualTo(1);
        assertThat(controlPlane
                        .springConfig("nebula")
                        .at("/nebula/topics/replicas")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theGuideCreatesEverySecretBothChartsReferenceWithTheKeysTheyRead() {
        Map<String, List<String>> created = guide.secretsCreated();
        Set<String> referenced = new TreeSet<>();
        for (Manifests manifests : List.of(trial, controlPlane)) {
            for (Container container : containers(manifests)) {
                secretEnv(container).values().forEach(variable -> referenced.add(reference(variable)));
            }
        }

        assertThat(referenced).isNotEmpty().allSatisfy(reference -> {
            String[] nameAndKey = reference.split("/");
            assertThat(created).as(reference).containsKey(nameAndKey[0]);
            assertThat(created.get(nameAndKey[0])).as(reference).contains(nameAndKey[1]);
        });
        assertThat(guide.commandsStartingWith("kubectl -n " + HelmChart.NAMESPACE + " create secret"))
                .hasSize(created.size());
    }

    @Test
    void theGuideLoadsTheImagesTheChartRunsFromTheModulesThatBuildThem() {
        String version = controlPlane.container("orion").getImage().split(":")[1];

        for (String module : MODULES) {
            assertThat(REPOSITORY.resolve(module).resolve("pom.xml"))
                    .satisfies(
                            pom -> assertThat(Files.exists(pom)).as("%s", pom).isTrue());
            assertThat(guide.commands())
                    .contains("minikube image load " + module + "/target/jib-image.tar")
                    .contains("kind load image-archive " + module + "/target/jib-image.tar --name dbaas");
        }
        assertThat(containers(controlPlane))
                .extracting(Container::getImage)
                .containsExactlyInAnyOrder(MODULES.stream()
                        .map(module -> "dbaas/" + module + ":" + version)
                        .toArray(String[]::new));
        assertThat(containers(controlPlane)).allSatisfy(container -> assertThat(container.getImagePullPolicy())
                .isEqualTo("IfNotPresent"));
        assertThat(guide.commands()).contains("./mvnw -DskipTests package jib:buildTar");
    }

    @Test
    void whatTheGuideWaitsForAndPortForwardsExists() {
        guide.commandsStartingWith("kubectl -n " + HelmChart.NAMESPACE + " rollout status ")
                .forEach(words -> {
                    String[] kindAndName = words.get(5).split("/");
                    Manifests manifests = kindAndName[0].equals("statefulset") ? trial : controlPlane;
                    Class<? extends HasMetadata> type =
                            kindAndName[0].equals("statefulset") ? StatefulSet.class : Deployment.class;
                    assertThat(manifests.called(type, kindAndName[1]))
                            .as(String.join(" ", words))
                            .isNotNull();
                });
        assertThat(guide.commandsStartingWith("kubectl -n " + HelmChart.NAMESPACE + " rollout status "))
                .hasSize(5);

        List<String> forward = guide.command("kubectl -n " + HelmChart.NAMESPACE + " port-forward ");
        Service orion = controlPlane.called(Service.class, forward.get(4).substring("service/".length()));
        int remotePort = Integer.parseInt(forward.get(5).split(":")[1]);
        assertThat(orion.getSpec().getPorts()).anySatisfy(port -> {
            assertThat(port.getPort()).isEqualTo(remotePort);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    private Container trialContainer(String component) {
        return trial.called(StatefulSet.class, TrialDependencies.name(component))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    private static List<Container> containers(Manifests manifests) {
        return manifests.objects().stream()
                .flatMap(object -> switch (object) {
                    case Deployment deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream();
                    case StatefulSet statefulSet ->
                        statefulSet.getSpec().getTemplate().getSpec().getContainers().stream();
                    default -> java.util.stream.Stream.<Container>empty();
                })
                .toList();
    }

    private static Map<String, String> plainEnv(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, EnvVar> secretEnv(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValueFrom() != null
                        && variable.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, variable -> variable));
    }

    private static String reference(EnvVar variable) {
        SecretKeySelector selector = variable.getValueFrom().getSecretKeyRef();
        return selector.getName() + "/" + selector.getKey();
    }
}

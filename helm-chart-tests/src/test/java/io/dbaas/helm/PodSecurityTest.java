package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class PodSecurityTest {

    private final Manifests manifests = HelmChart.render(ExampleValues.MULTI_REGION);

    @Test
    void everyContainerRunsNonRootOnAReadOnlyRootFileSystemWithoutCapabilities() {
        assertThat(manifests.all(Deployment.class)).hasSize(3).allSatisfy(deployment -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getContainers()).allSatisfy(PodSecurityTest::isRestricted);
            assertThat(pod.getInitContainers()).allSatisfy(PodSecurityTest::isRestricted);
        });
    }

    @Test
    void tmpIsTheOnlyWritableDirectoryAndItIsAnEmptyDir() {
        assertThat(manifests.all(Deployment.class)).allSatisfy(deployment -> {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Volume tmp = pod.getVolumes().stream()
                    .filter(volume -> volume.getName().equals("tmp"))
                    .findFirst()
                    .orElseThrow();
            assertThat(tmp.getEmptyDir()).isNotNull();
            assertThat(pod.getContainers().getFirst().getVolumeMounts()).allSatisfy(mount -> {
                if (mount.getMountPath().equals("/tmp")) {
                    assertThat(mount.getName()).isEqualTo("tmp");
                } else {
                    assertThat(mount.getReadOnly()).as(mount.getMountPath()).isTrue();
                }
            });
        });
    }

    @Test
    void onlyNebulaGetsAServiceAccountTokenAndOnlyForAnInClusterRegion() {
        assertThat(automount(manifests, "orion")).isFalse();
        assertThat(automount(manifests, "gatekeeper")).isFalse();
        assertThat(automount(manifests, "nebula")).isTrue();

        Manifests remoteOnly = HelmChart.render(ExampleValues.REMOTE_REGION_ONLY);
        assertThat(automount(remoteOnly, "nebula")).isFalse();
    }

    private static boolean automount(Manifests manifests, String component) {
        return manifests.deployment(component).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken();
    }

    private static void isRestricted(Container container) {
        var security = container.getSecurityContext();
        assertThat(security).as(container.getName()).isNotNull();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }
}

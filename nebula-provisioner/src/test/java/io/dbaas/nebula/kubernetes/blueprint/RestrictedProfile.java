package io.dbaas.nebula.kubernetes.blueprint;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks Pod Security Admission makes of a pod under the "restricted" profile (which includes "baseline"), as
 * Kubernetes documents them (kubernetes.io/docs/concepts/security/pod-security-standards): what the admission
 * controller would refuse, named, so that a test fails before a real cluster does.
 */
final class RestrictedProfile {

    private static final Set<String> ALLOWED_CAPABILITIES = Set.of("NET_BIND_SERVICE");
    private static final Set<String> ALLOWED_SECCOMP = Set.of("RuntimeDefault", "Localhost");

    private RestrictedProfile() {}

    static List<String> violations(PodSpec pod) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podSecurity =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add("host namespaces");
        }
        if (podSecurity.getSysctls() != null && !podSecurity.getSysctls().isEmpty()) {
            violations.add("sysctls");
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getHostPath() != null
                    || Stream.of(
                                    volume.getConfigMap(),
                                    volume.getSecret(),
                                    volume.getEmptyDir(),
                                    volume.getPersistentVolumeClaim(),
                                    volume.getDownwardAPI(),
                                    volume.getProjected(),
                                    volume.getCsi(),
                                    volume.getEphemeral())
                            .allMatch(source -> source == null)) {
                violations.add("volume " + volume.getName() + " of a type the profile refuses");
            }
        }
        containers(pod).forEach(container -> check(container, podSecurity, violations));
        return violations;
    }

    private static Stream<Container> containers(PodSpec pod) {
        return Stream.concat(
                Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(), pod.getContainers().stream());
    }

    private static void check(Container container, PodSecurityContext pod, List<String> violations) {
        String name = "container " + container.getName() + ": ";
        SecurityContext security =
                Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            violations.add(name + "privileged");
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            violations.add(name + "allowPrivilegeEscalation must be false");
        }
        Boolean nonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot() : pod.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            violations.add(name + "runAsNonRoot must be true");
        }
        Long user = security.getRunAsUser() != null ? security.getRunAsUser() : pod.getRunAsUser();
        if (Long.valueOf(0).equals(user)) {
            violations.add(name + "runAsUser 0");
        }
        SeccompProfile seccomp =
                security.getSeccompProfile() != null ? security.getSeccompProfile() : pod.getSeccompProfile();
        if (seccomp == null || !ALLOWED_SECCOMP.contains(seccomp.getType())) {
            violations.add(name + "seccompProfile must be RuntimeDefault or Localhost");
        }
        if (security.getCapabilities() == null
                || security.getCapabilities().getDrop() == null
                || !security.getCapabilities().getDrop().contains("ALL")) {
            violations.add(name + "capabilities must drop ALL");
        }
        if (security.getCapabilities() != null
                && security.getCapabilities().getAdd() != null
                && !ALLOWED_CAPABILITIES.containsAll(security.getCapabilities().getAdd())) {
            violations.add(name + "adds capabilities beyond NET_BIND_SERVICE");
        }
        if (security.getProcMount() != null && !security.getProcMount().equals("Default")) {
            violations.add(name + "procMount");
        }
        if (container.getPorts() != null
                && container.getPorts().stream().anyMatch(port -> port.getHostPort() != null)) {
            violations.add(name + "hostPort");
        }
    }
}

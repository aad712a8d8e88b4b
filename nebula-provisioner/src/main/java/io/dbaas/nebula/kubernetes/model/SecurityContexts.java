package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The "restricted" Pod Security Standard, which every database pod meets: non-root with fixed ids, no privilege
 * escalation, no capabilities, the runtime's default seccomp profile and a read-only root filesystem (what the engine
 * writes goes to mounted volumes).
 *
 * @param userId the uid the engine's image expects to run as
 * @param groupId the primary gid of the engine's process
 * @param fsGroup the group that owns mounted volumes, so that the non-root process can write them
 */
record SecurityContexts(long userId, long groupId, long fsGroup) {

    PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(userId)
                .withRunAsGroup(groupId)
                .withFsGroup(fsGroup)
                // Only the volume root is checked on restart: a recursive chown of a large volume delays every start.
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    SecurityContext container() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(userId)
                .withRunAsGroup(groupId)
                .withPrivileged(false)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }
}

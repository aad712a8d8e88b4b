package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;

/** What a container runs around its own life; Nebula's engines only need a command before they are stopped. */
final class Lifecycles {

    private Lifecycles() {}

    /** Runs {@code command} in the container before Kubernetes sends it SIGTERM, and waits for it to end. */
    static Lifecycle preStop(String... command) {
        return new LifecycleBuilder()
                .withNewPreStop()
                .withNewExec()
                .withCommand(command)
                .endExec()
                .endPreStop()
                .build();
    }
}

package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;

/** The named ports a container listens on; every engine port is TCP. */
final class ContainerPorts {

    private ContainerPorts() {}

    static ContainerPort tcp(String name, int port) {
        return new ContainerPortBuilder()
                .withName(name)
                .withContainerPort(port)
                .withProtocol("TCP")
                .build();
    }
}

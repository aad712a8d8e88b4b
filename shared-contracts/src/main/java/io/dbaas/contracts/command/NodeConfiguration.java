package io.dbaas.contracts.command;

import java.util.Objects;

/**
 * Resources of one node, as Kubernetes quantity strings.
 *
 * @param cpu CPU, for example {@code "500m"} or {@code "2"}
 * @param memory memory, for example {@code "4Gi"}
 * @param disk persistent volume size, for example {@code "50Gi"}
 */
public record NodeConfiguration(String cpu, String memory, String disk) {

    public NodeConfiguration {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(disk, "disk");
    }
}

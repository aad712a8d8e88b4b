package io.dbaas.orion.capacity.web;

import io.dbaas.orion.capacity.Resources;
import org.springframework.modulith.NamedInterface;

/** CPU, memory and disk as Kubernetes quantities, as every capacity figure of the API shows them. */
@NamedInterface("responses")
public record ResourceAmounts(String cpu, String memory, String disk) {

    public static ResourceAmounts of(Resources resources) {
        return new ResourceAmounts(
                resources.cpuQuantity().text(),
                resources.memoryQuantity().text(),
                resources.diskQuantity().text());
    }
}

package io.dbaas.orion.capacity.web;

import io.dbaas.orion.Quote;
import io.dbaas.orion.capacity.InvalidCapacityException;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.capacity.Resources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A region's new totals, each a Kubernetes quantity; all three are required. */
record CapacityRequest(
        @Nullable String cpu,
        @Nullable String memory,
        @Nullable String disk) {

    /** @throws InvalidCapacityException naming every field at fault */
    Resources resources() {
        var violations = new LinkedHashMap<String, String>();
        Optional<Quantity> cpu = quantity("cpu", this.cpu, violations);
        Optional<Quantity> memory = quantity("memory", this.memory, violations);
        Optional<Quantity> disk = quantity("disk", this.disk, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCapacityException(violations);
        }
        return Resources.of(cpu.orElseThrow(), memory.orElseThrow(), disk.orElseThrow());
    }

    private static Optional<Quantity> quantity(String field, @Nullable String value, Map<String, String> violations) {
        if (value == null || value.isBlank()) {
            violations.put(field, "is required");
            return Optional.empty();
        }
        Optional<Quantity> quantity = Quantity.parse(value);
        if (quantity.isEmpty()) {
            violations.put(
                    field,
                    "%s is not a Kubernetes quantity such as \"64\", \"256Gi\" or \"4Ti\"".formatted(Quote.of(value)));
        }
        return quantity;
    }
}

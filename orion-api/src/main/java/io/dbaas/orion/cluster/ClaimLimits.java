package io.dbaas.orion.cluster;

import io.dbaas.orion.capacity.Quantity;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Bounds of a claim: the number of nodes and each node's resources. */
@ConfigurationProperties("orion.limits")
public record ClaimLimits(Range nodes, QuantityRange cpu, QuantityRange memory, QuantityRange disk) {

    /** An inclusive integer range. */
    public record Range(int min, int max) {

        public boolean contains(int value) {
            return value >= min && value <= max;
        }
    }

    /** An inclusive range of Kubernetes quantities. */
    public record QuantityRange(String min, String max) {

        public QuantityRange {
            Quantity.of(min);
            Quantity.of(max);
        }

        public boolean contains(Quantity value) {
            return value.compareTo(Quantity.of(min)) >= 0 && value.compareTo(Quantity.of(max)) <= 0;
        }
    }
}

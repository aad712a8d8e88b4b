package io.dbaas.orion.region.web;

import io.dbaas.orion.Quote;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.capacity.Resources;
import io.dbaas.orion.catalog.DnsLabel;
import io.dbaas.orion.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How an operator describes a region: a name for people and, optionally, its capacity. Both may be left out; so may
 * the whole body.
 */
record RegionRequest(@Nullable String displayName, @Nullable CapacityRequest capacity) {

    static final RegionRequest EMPTY = new RegionRequest(null, null);

    private static final int DISPLAY_NAME_MAX = 100;

    /** The region's totals, each a Kubernetes quantity; all three are required when capacity is given. */
    record CapacityRequest(
            @Nullable String cpu,
            @Nullable String memory,
            @Nullable String disk) {}

    /** What a valid request asks for. */
    record Valid(@Nullable String displayName, @Nullable Resources capacity) {}

    /**
     * Checks the names in the path and the body together.
     *
     * @throws InvalidRegionRequestException naming every field at fault
     */
    Valid validate(String provider, String region) {
        var violations = new ArrayList<FieldViolation>();
        checkName("provider", provider, violations);
        checkName("region", region, violations);
        String displayName = displayName(violations);
        Resources total = capacity == null ? null : resources(capacity, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRegionRequestException(violations);
        }
        return new Valid(displayName, total);
    }

    /** Names end up in host names ({@code <cluster-uuid>.<region>.<provider>.<domain>}), so each is a DNS label. */
    private static void checkName(String field, String name, List<FieldViolation> violations) {
        if (!DnsLabel.isValid(name)) {
            violations.add(new FieldViolation(field, DnsLabel.RULE));
        }
    }

    private @Nullable String displayName(List<FieldViolation> violations) {
        if (displayName == null) {
            return null;
        }
        String trimmed = displayName.strip();
        if (trimmed.isEmpty()
                || trimmed.length() > DISPLAY_NAME_MAX
                || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation(
                    "display_name",
                    "must be 1 to %d characters without control characters; leave it out to show the region's id"
                            .formatted(DISPLAY_NAME_MAX)));
            return null;
        }
        return trimmed;
    }

    private static @Nullable Resources resources(CapacityRequest capacity, List<FieldViolation> violations) {
        Optional<Quantity> cpu = quantity("capacity.cpu", capacity.cpu(), violations);
        Optional<Quantity> memory = quantity("capacity.memory", capacity.memory(), violations);
        Optional<Quantity> disk = quantity("capacity.disk", capacity.disk(), violations);
        if (cpu.isEmpty() || memory.isEmpty() || disk.isEmpty()) {
            return null;
        }
        return Resources.of(cpu.get(), memory.get(), disk.get());
    }

    private static Optional<Quantity> quantity(String field, @Nullable String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "is required"));
            return Optional.empty();
        }
        Optional<Quantity> quantity = Quantity.parse(value);
        if (quantity.isEmpty()) {
            violations.add(new FieldViolation(
                    field,
                    "%s is not a Kubernetes quantity such as \"64\", \"256Gi\" or \"4Ti\"".formatted(Quote.of(value))));
        }
        return quantity;
    }
}

package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.orion.Quote;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.CatalogProperties.EngineOffer;
import io.dbaas.orion.catalog.DnsLabel;
import io.dbaas.orion.cluster.ClaimLimits.QuantityRange;
import io.dbaas.orion.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Checks a claim against the catalog, the limits and what its engine needs ({@link EngineMemory},
 * {@link MasterQuorum}), reporting every field at fault at once.
 */
@Component
public class ClaimValidator {

    private final Catalog catalog;
    private final ClaimLimits limits;
    private final EngineMemory engineMemory;
    private final RestoreCheck restoreCheck;

    ClaimValidator(Catalog catalog, ClaimLimits limits, EngineMemory engineMemory, RestoreCheck restoreCheck) {
        this.catalog = catalog;
        this.limits = limits;
        this.engineMemory = engineMemory;
        this.restoreCheck = restoreCheck;
    }

    /**
     * Returns the validated specification.
     *
     * @throws InvalidClaimException naming every field at fault
     */
    public ClusterSpec validate(UUID accountId, Claim claim) {
        var violations = new ArrayList<FieldViolation>();

        String name = required("name", claim.name(), violations);
        // A DNS label, so that the name can appear in Kubernetes object names and labels.
        if (name != null && !DnsLabel.isValid(name)) {
            violations.add(new FieldViolation("name", DnsLabel.RULE));
        }
        Optional<Engine> engine = engine(claim.engine(), violations);
        String version = engine.flatMap(catalog::engine)
                .map(offer -> version(claim.version(), offer, violations))
                .orElse(null);
        Integer nodes = required("nodes", claim.nodes(), violations);
        if (nodes != null) {
            checkNodes(nodes, limits, violations);
            engine.ifPresent(known -> MasterQuorum.check(known, nodes, violations));
        }
        Quantity cpu = quantity("cpu", claim.cpu(), limits.cpu(), violations);
        Quantity memory = quantity("memory", claim.memory(), limits.memory(), violations);
        if (memory != null) {
            engine.ifPresent(known -> engineMemory.check(known, memory, violations));
        }
        Quantity disk = quantity("disk", claim.disk(), limits.disk(), violations);
        String provider = required("provider", claim.provider(), violations);
        String region = required("region", claim.region(), violations);
        // A provider is offered while it has an offered region: a valid claim needs one lookup, not two.
        if (provider != null && (region == null || !catalog.offersRegion(provider, region))) {
            if (!catalog.offersProvider(provider)) {
                violations.add(
                        new FieldViolation("provider", "%s is not an offered provider".formatted(Quote.of(provider))));
            } else if (region != null) {
                violations.add(regionNotOffered(provider, region));
            }
        }
        RestoreSource restoreFrom = claim.restoreFrom() == null
                ? null
                : restoreCheck.check(
                        accountId,
                        claim.restoreFrom().backupId(),
                        engine.orElse(null),
                        version,
                        nodes,
                        disk,
                        violations);

        if (!violations.isEmpty()) {
            throw new InvalidClaimException(violations);
        }
        return new ClusterSpec(
                given(name),
                engine.orElseThrow(),
                given(version),
                given(nodes),
                given(cpu),
                given(memory),
                given(disk),
                given(provider),
                given(region),
                restoreFrom);
    }

    /** A field of a claim without violations: every required field was given and parsed, so none is null. */
    private static <T> T given(@Nullable T value) {
        return Objects.requireNonNull(value, "a validated claim lacks a required field");
    }

    /** A claim names a region the catalog does not offer (or no longer: an operator may retire it meanwhile). */
    static FieldViolation regionNotOffered(String provider, String region) {
        return new FieldViolation(
                "region", "%s is not an offered region of provider %s".formatted(Quote.of(region), Quote.of(provider)));
    }

    private Optional<Engine> engine(@Nullable String value, List<FieldViolation> violations) {
        String id = required("engine", value, violations);
        if (id == null) {
            return Optional.empty();
        }
        Optional<Engine> engine =
                Engine.fromId(id).filter(known -> catalog.engine(known).isPresent());
        if (engine.isEmpty()) {
            violations.add(new FieldViolation("engine", "%s is not an offered engine".formatted(Quote.of(id))));
        }
        return engine;
    }

    private @Nullable String version(@Nullable String value, EngineOffer offer, List<FieldViolation> violations) {
        if (value == null) {
            return offer.defaultVersion();
        }
        return checkVersion(value, offer, violations);
    }

    /** The version when the engine offers it; otherwise {@code null}, and the violation recorded. */
    static @Nullable String checkVersion(String value, EngineOffer offer, List<FieldViolation> violations) {
        if (!offer.versions().contains(value)) {
            violations.add(new FieldViolation(
                    "version",
                    "%s is not an offered version; offered: %s".formatted(Quote.of(value), offer.versions())));
            return null;
        }
        return value;
    }

    static void checkNodes(int nodes, ClaimLimits limits, List<FieldViolation> violations) {
        if (!limits.nodes().contains(nodes)) {
            violations.add(new FieldViolation(
                    "nodes",
                    "must be between %d and %d"
                            .formatted(limits.nodes().min(), limits.nodes().max())));
        }
    }

    private @Nullable Quantity quantity(
            String field, @Nullable String value, QuantityRange range, List<FieldViolation> violations) {
        String text = required(field, value, violations);
        if (text == null) {
            return null;
        }
        return checkQuantity(field, text, range, violations);
    }

    /** The quantity when it is one and within bounds; otherwise {@code null}, and the violation recorded. */
    static @Nullable Quantity checkQuantity(
            String field, String text, QuantityRange range, List<FieldViolation> violations) {
        Optional<Quantity> quantity = Quantity.parse(text);
        if (quantity.isEmpty()) {
            violations.add(new FieldViolation(
                    field,
                    "%s is not a Kubernetes quantity such as \"500m\", \"2\" or \"8Gi\"".formatted(Quote.of(text))));
            return null;
        }
        if (!range.contains(quantity.get())) {
            violations.add(new FieldViolation(field, "must be between %s and %s".formatted(range.min(), range.max())));
            return null;
        }
        return quantity.get();
    }

    private static <T> @Nullable T required(String field, @Nullable T value, List<FieldViolation> violations) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        return value;
    }
}

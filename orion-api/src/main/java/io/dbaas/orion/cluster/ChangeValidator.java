package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.Quote;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.CatalogProperties.EngineOffer;
import io.dbaas.orion.catalog.EngineVersions;
import io.dbaas.orion.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Checks a change of a cluster in two steps: each field on its own, with the rules and bounds of a claim (a
 * {@code 400}), then the change as a whole against what the cluster runs (a {@code 422}). Both name every field at
 * fault at once.
 */
@Component
class ChangeValidator {

    private final Catalog catalog;
    private final ClaimLimits limits;
    private final EngineMemory engineMemory;

    ChangeValidator(Catalog catalog, ClaimLimits limits, EngineMemory engineMemory) {
        this.catalog = catalog;
        this.limits = limits;
        this.engineMemory = engineMemory;
    }

    /** @throws InvalidChangeException naming every field that is malformed, out of bounds or not offered */
    void checkFields(ClusterChange change, Engine engine) {
        var violations = new ArrayList<FieldViolation>();
        if (change.nodes() != null) {
            ClaimValidator.checkNodes(change.nodes(), limits, violations);
            MasterQuorum.check(engine, change.nodes(), violations);
        }
        if (change.cpu() != null) {
            ClaimValidator.checkQuantity("cpu", change.cpu(), limits.cpu(), violations);
        }
        if (change.memory() != null) {
            Quantity memory = ClaimValidator.checkQuantity("memory", change.memory(), limits.memory(), violations);
            if (memory != null) {
                engineMemory.check(engine, memory, violations);
            }
        }
        if (change.disk() != null) {
            ClaimValidator.checkQuantity("disk", change.disk(), limits.disk(), violations);
        }
        String version = change.version();
        if (version != null) {
            catalog.engine(engine)
                    .ifPresentOrElse(
                            offer -> checkUpgradeTarget(version, offer, violations),
                            () -> violations.add(new FieldViolation(
                                    "version", "'%s' is no longer offered; it cannot be upgraded".formatted(engine))));
        }
        if (!violations.isEmpty()) {
            throw new InvalidChangeException(violations);
        }
    }

    /**
     * The shape the cluster is asked to become: its current shape with the fields of the change.
     *
     * @throws ChangeRefusedException for a downgrade, an upgrade off the engine's {@link UpgradePath}, a smaller
     *     disk, a version with a new size, or no change at all
     */
    ClusterShape desiredShape(ClusterChange change, ClusterShape current, Engine engine) {
        var desired = new ClusterShape(
                change.version() != null ? change.version() : current.version(),
                change.nodes() != null ? change.nodes() : current.nodes(),
                change.cpu() != null ? change.cpu() : current.cpu(),
                change.memory() != null ? change.memory() : current.memory(),
                change.disk() != null ? change.disk() : current.disk());
        boolean upgrade = !desired.version().equals(current.version());
        boolean resize = desired.sizeDiffersFrom(current);
        var violations = new ArrayList<FieldViolation>();
        if (upgrade && EngineVersions.ORDER.compare(desired.version(), current.version()) < 0) {
            violations.add(new FieldViolation(
                    "version",
                    "'%s' is older than %s, the version the cluster runs; downgrades are not offered"
                            .formatted(desired.version(), current.version())));
        } else if (upgrade) {
            UpgradePath.of(engine, upgradeTargets(engine))
                    .refusal(current.version(), desired.version())
                    .ifPresent(why -> violations.add(new FieldViolation("version", why)));
        }
        if (Quantity.of(desired.disk()).compareTo(Quantity.of(current.disk())) < 0) {
            violations.add(new FieldViolation(
                    "disk",
                    "must not be smaller than %s, the disk of each node now: a volume can grow but never shrink"
                            .formatted(current.disk())));
        }
        if (upgrade && resize) {
            violations.add(new FieldViolation(
                    "version",
                    "an upgrade must be asked for on its own: send the version and the new size (%s) in separate"
                                    .formatted(String.join(", ", sizeFields(change)))
                            + " requests, one after the other is done"));
        }
        if (!violations.isEmpty()) {
            throw new ChangeRefusedException(
                    violations.stream()
                                    .map(FieldViolation::field)
                                    .distinct()
                                    .reduce((a, b) -> a + ", " + b)
                                    .orElseThrow()
                            + ": see errors",
                    violations);
        }
        if (!upgrade && !resize) {
            throw new ChangeRefusedException(
                    "The request changes nothing: name at least one of nodes, cpu, memory, disk or version with a"
                            + " value the cluster does not have already.",
                    sameAsNow(change));
        }
        return desired;
    }

    /**
     * A version a cluster may be upgraded to: an offered one, or one kept for upgrades only (no longer offered to new
     * claims, but a step older clusters still take).
     */
    private static void checkUpgradeTarget(String version, EngineOffer offer, List<FieldViolation> violations) {
        if (!offer.upgradeTargets().contains(version)) {
            violations.add(new FieldViolation(
                    "version",
                    "%s is not a version clusters are upgraded to; offered: %s"
                            .formatted(Quote.of(version), offer.upgradeTargets())));
        }
    }

    private List<String> upgradeTargets(Engine engine) {
        return catalog.engine(engine).map(EngineOffer::upgradeTargets).orElse(List.of());
    }

    private static List<String> sizeFields(ClusterChange change) {
        return Stream.of(
                        change.nodes() != null ? "nodes" : null,
                        change.cpu() != null ? "cpu" : null,
                        change.memory() != null ? "memory" : null,
                        change.disk() != null ? "disk" : null)
                .filter(field -> field != null)
                .map(String::valueOf)
                .toList();
    }

    private static List<FieldViolation> sameAsNow(ClusterChange change) {
        var same = new ArrayList<FieldViolation>();
        if (change.nodes() != null) {
            same.add(new FieldViolation("nodes", "is already " + change.nodes()));
        }
        if (change.cpu() != null) {
            same.add(new FieldViolation("cpu", "is already " + change.cpu()));
        }
        if (change.memory() != null) {
            same.add(new FieldViolation("memory", "is already " + change.memory()));
        }
        if (change.disk() != null) {
            same.add(new FieldViolation("disk", "is already " + change.disk()));
        }
        if (change.version() != null) {
            same.add(new FieldViolation("version", "is already " + change.version()));
        }
        return same;
    }
}

package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.orion.Quote;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.catalog.Catalog;
import io.dbaas.orion.catalog.CatalogProperties.EngineOffer;
import io.dbaas.orion.catalog.EngineVersions;
import io.dbaas.orion.cluster.RestoreSources.RestorableBackup;
import io.dbaas.orion.shared.FieldViolation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether a claim can start from the backup it names: the account's, completed, of the same engine, taken by a version
 * the claimed one can read (the same, or newer along the engine's {@link UpgradePath}), and no larger than the disks
 * claimed; Qdrant's snapshots map node i to node i, so a Qdrant claim has as many nodes as the backup's cluster.
 * Every refusal names {@code restore_from.backup_id}.
 */
@Component
class RestoreCheck {

    static final String FIELD = "restore_from.backup_id";

    private final RestoreSources sources;
    private final Catalog catalog;

    RestoreCheck(RestoreSources sources, Catalog catalog) {
        this.sources = sources;
        this.catalog = catalog;
    }

    /** The backup to start from, when {@code backupId} names one the claim may use; else null and a violation. */
    @Nullable
    RestoreSource check(
            UUID accountId,
            @Nullable String backupId,
            @Nullable Engine engine,
            @Nullable String version,
            @Nullable Integer nodes,
            @Nullable Quantity disk,
            List<FieldViolation> violations) {
        if (backupId == null || backupId.isBlank()) {
            violations.add(new FieldViolation(FIELD, "is required when restore_from is given"));
            return null;
        }
        Optional<RestorableBackup> found = sources.find(accountId, backupId);
        if (found.isEmpty()) {
            // Another account's backup reads exactly like a missing one.
            violations.add(
                    new FieldViolation(FIELD, "%s is not a backup of this account".formatted(Quote.of(backupId))));
            return null;
        }
        RestorableBackup backup = found.get();
        int before = violations.size();
        if (!backup.completed() || backup.engineVersion() == null || backup.sizeInBytes() == null) {
            violations.add(new FieldViolation(
                    FIELD, "backup %s is not completed; only a completed backup can be restored".formatted(backupId)));
            return null;
        }
        if (engine != null && engine != backup.engine()) {
            violations.add(new FieldViolation(
                    FIELD,
                    "backup %s is of %s; it cannot be restored into %s"
                            .formatted(backupId, backup.engine().id(), engine.id())));
        } else if (engine != null && version != null) {
            readableBy(backup.engine(), backup.engineVersion(), version)
                    .ifPresent(why -> violations.add(new FieldViolation(FIELD, why)));
        }
        if (disk != null && nodes != null) {
            BigDecimal claimed = disk.value().multiply(BigDecimal.valueOf(nodes));
            if (claimed.compareTo(BigDecimal.valueOf(backup.sizeInBytes())) < 0) {
                violations.add(new FieldViolation(
                        FIELD,
                        "backup %s holds %d bytes, more than the %s disk × %d nodes claimed"
                                .formatted(backupId, backup.sizeInBytes(), disk.text(), nodes)));
            }
        }
        if (backup.engine() == Engine.QDRANT && nodes != null && nodes != backup.sourceNodes()) {
            violations.add(new FieldViolation(
                    FIELD,
                    "backup %s is of %d Qdrant node(s), restored node by node: claim %d"
                            .formatted(backupId, backup.sourceNodes(), backup.sourceNodes())));
        }
        return violations.size() == before ? backup.source() : null;
    }

    /** Why {@code version} cannot read a backup taken by {@code taken}; empty when it can. */
    private Optional<String> readableBy(Engine engine, String taken, String version) {
        if (taken.equals(version)) {
            return Optional.empty();
        }
        if (EngineVersions.ORDER.compare(version, taken) < 0) {
            return Optional.of("the backup was taken by %s; %s is older and cannot read it".formatted(taken, version));
        }
        List<String> targets =
                catalog.engine(engine).map(EngineOffer::upgradeTargets).orElse(List.of());
        return UpgradePath.of(engine, targets)
                .refusal(taken, version)
                .map(why ->
                        "the backup was taken by %s and cannot be restored into %s: %s".formatted(taken, version, why));
    }
}

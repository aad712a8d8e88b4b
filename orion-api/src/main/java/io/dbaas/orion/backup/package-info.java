/**
 * Every cluster's backups: its policy (on from its claim), the schedule and retention Orion keeps for it, backups
 * taken on request, what Nebula reports of them, and the backups a claim may start from (ADR 0017).
 */
// One way only: backups read clusters and send commands; clusters learn of backups through the interfaces they declare
// (RestoreSources, BackupSummaries), implemented here.
@ApplicationModule(
        allowedDependencies = {"account", "cluster", "operation", "operation :: responses", "outbox", "shared"})
@NullMarked
package io.dbaas.orion.backup;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

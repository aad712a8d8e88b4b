/**
 * Nebula carries out backups, deletions of backups and restores as Jobs of the backup agent in the cluster's namespace
 * (ADR 0017), follows them to their end and publishes their outcome.
 */
@NullMarked
package io.dbaas.nebula.backup;

import org.jspecify.annotations.NullMarked;

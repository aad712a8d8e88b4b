/** Nebula's own access to a region's backup storage (pre-signed URLs of snapshots for Qdrant restores). */
@NullMarked
package io.dbaas.nebula.backup.storage;

import org.jspecify.annotations.NullMarked;

/**
 * Nebula's own access to a region's backup storage, beside the engines' access from inside each cluster: what Nebula
 * does there itself, with the region's credentials, when no cluster can (a purge after the cluster is gone, pre-signed
 * URLs for a restore).
 */
@NullMarked
package io.dbaas.nebula.backup.storage;

import org.jspecify.annotations.NullMarked;

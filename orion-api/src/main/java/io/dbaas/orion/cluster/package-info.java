/** Clusters: claims, their state, and the status read model fed by Nebula's events. */
@NullMarked
package io.dbaas.orion.cluster;

import org.jspecify.annotations.NullMarked;

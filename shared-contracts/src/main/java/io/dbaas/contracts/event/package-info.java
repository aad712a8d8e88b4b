/** Events published by Nebula: what happened to a cluster, keyed by cluster id. */
@NullMarked
package io.dbaas.contracts.event;

import org.jspecify.annotations.NullMarked;

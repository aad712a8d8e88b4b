/**
 * A copy of the directory on local disk, so that GateKeeper serves the clusters it knew even when Kafka is down at
 * start-up. Master keys stay sealed in it, exactly as they arrived in the events.
 */
@NullMarked
package io.dbaas.gatekeeper.snapshot;

import org.jspecify.annotations.NullMarked;

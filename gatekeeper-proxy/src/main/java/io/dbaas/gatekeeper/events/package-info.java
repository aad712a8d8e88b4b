/**
 * Keeps the cluster directory up to date from the cluster-events topic. Every GateKeeper instance reads the whole
 * topic in its own consumer group, so each one rebuilds the full directory on start.
 */
@NullMarked
package io.dbaas.gatekeeper.events;

import org.jspecify.annotations.NullMarked;

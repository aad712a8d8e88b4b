/**
 * Runs the whole control plane on one machine: embedded PostgreSQL and Kafka (unless external ones are configured)
 * and Orion, Nebula and GateKeeper as separate processes, exactly as they run in production.
 */
@NullMarked
package io.dbaas.local;

import org.jspecify.annotations.NullMarked;

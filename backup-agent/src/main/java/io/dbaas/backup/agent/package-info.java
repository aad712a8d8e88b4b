/**
 * The backup agent: one process per Kubernetes Job in a database cluster's namespace that takes, restores or deletes
 * one backup through the engine's own snapshot API over the namespace's Service, and reports the outcome in its
 * container's termination message (ADR 0017).
 */
@NullMarked
package io.dbaas.backup.agent;

import org.jspecify.annotations.NullMarked;

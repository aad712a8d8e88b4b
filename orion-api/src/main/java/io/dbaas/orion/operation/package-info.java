/**
 * Operations: every accepted change of a cluster (create, scale, upgrade, delete) with its progress, moved by Nebula's
 * events. An operation's id is the id of the command it sent, so events find it through their causation id.
 */
// One way only: clusters record their operations and events move them; operations know neither.
@ApplicationModule(allowedDependencies = {"account", "shared"})
@NullMarked
package io.dbaas.orion.operation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * Capacity: what each provider/region can hold and what claims ask for (ResourceClaim), granted whole or not yet.
 * Claims that do not fit wait, and are admitted oldest first when capacity is added or freed.
 */
// One way only: clusters and regions reserve and resize capacity; capacity never looks back at them.
@ApplicationModule(allowedDependencies = {"catalog", "shared"})
@NullMarked
package io.dbaas.orion.capacity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

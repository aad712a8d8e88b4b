/**
 * Capacity: what each provider/region can hold and what claims ask for (ResourceClaim), granted whole or not yet.
 * Claims that do not fit wait, and are admitted oldest first when capacity is added or freed.
 */
@NullMarked
package io.dbaas.orion.capacity;

import org.jspecify.annotations.NullMarked;

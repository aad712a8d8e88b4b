/**
 * Capacity: what each provider/region can hold, what claims ask for (ResourceClaim) and what they were granted
 * (ResourceAllocation). Claims that do not fit wait, and are admitted oldest first when capacity is added or freed.
 */
@NullMarked
package io.dbaas.orion.capacity;

import org.jspecify.annotations.NullMarked;

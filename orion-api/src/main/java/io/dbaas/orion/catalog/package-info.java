/** The offer: which engines, versions, providers and regions a claim may ask for. */
// One way only: the offer is read by claims, capacity and regions, and reads nothing of theirs.
@ApplicationModule(allowedDependencies = {})
@NullMarked
package io.dbaas.orion.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

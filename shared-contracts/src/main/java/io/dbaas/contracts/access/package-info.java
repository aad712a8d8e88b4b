/**
 * Events about who may reach a cluster, published by Orion on {@link io.dbaas.contracts.Topics#ACCESS_EVENTS} and
 * read by every GateKeeper.
 */
@NullMarked
package io.dbaas.contracts.access;

import org.jspecify.annotations.NullMarked;

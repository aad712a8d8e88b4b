/** Consumes Nebula's status events, each at most once. */
@NullMarked
package io.dbaas.orion.events;

import org.jspecify.annotations.NullMarked;

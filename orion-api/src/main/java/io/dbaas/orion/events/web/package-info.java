/** The HTTP face of a cluster's event history. */
@NullMarked
package io.dbaas.orion.events.web;

import org.jspecify.annotations.NullMarked;

@NullMarked
package io.dbaas.gatekeeper.routing;

import org.jspecify.annotations.NullMarked;

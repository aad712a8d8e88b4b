/** Orion, the public REST API of the control plane: it accepts cluster claims, relays commands and reports status. */
@NullMarked
package io.dbaas.orion;

import org.jspecify.annotations.NullMarked;

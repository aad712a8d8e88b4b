@NullMarked
package io.dbaas.gatekeeper.hygiene;

import org.jspecify.annotations.NullMarked;
